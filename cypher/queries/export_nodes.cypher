// name: export_nodes
// description: Every node with its labels and stored properties (the export reads this).
// internal: true
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
