// name: viz_label_nodes
// description: Every node of the given labels, at most limit per label, with labels and stored properties (the whole-graph view reads a label this way only when its count fits the page).
// internal: true
// param: labels: list[str] -- the labels to read
// param: limit: int = 500 -- nodes per label at most
// example: labels=Institution,Facility limit=50
MATCH (n:Person)
WHERE 'Person' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
UNION ALL
MATCH (n:Role)
WHERE 'Role' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
UNION ALL
MATCH (n:Team)
WHERE 'Team' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
UNION ALL
MATCH (n:Product)
WHERE 'Product' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
UNION ALL
MATCH (n:Facility)
WHERE 'Facility' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
UNION ALL
MATCH (n:Milestone)
WHERE 'Milestone' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
UNION ALL
MATCH (n:Institution)
WHERE 'Institution' IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $limit
