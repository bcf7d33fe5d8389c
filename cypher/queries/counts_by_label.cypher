// name: counts_by_label
// description: How many nodes of each label the graph holds.
MATCH (n)
RETURN labels(n)[0] AS label, count(n) AS count
ORDER BY label
