// name: viz_label_counts
// description: How many nodes of each label the graph holds, one labelled count per label (a labelled count reads the label's own index, an unlabelled one every node); the views size themselves by it.
// internal: true
MATCH (n:Person)
RETURN 'Person' AS label, count(n) AS count
UNION ALL
MATCH (n:Role)
RETURN 'Role' AS label, count(n) AS count
UNION ALL
MATCH (n:Team)
RETURN 'Team' AS label, count(n) AS count
UNION ALL
MATCH (n:Product)
RETURN 'Product' AS label, count(n) AS count
UNION ALL
MATCH (n:Facility)
RETURN 'Facility' AS label, count(n) AS count
UNION ALL
MATCH (n:Milestone)
RETURN 'Milestone' AS label, count(n) AS count
UNION ALL
MATCH (n:Institution)
RETURN 'Institution' AS label, count(n) AS count
UNION ALL
MATCH (n:Document)
RETURN 'Document' AS label, count(n) AS count
