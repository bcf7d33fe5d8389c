// name: viz_graph_nodes
// description: Every node of the given labels, with labels and stored properties (the whole-graph view reads this).
// internal: true
// param: labels: list[str] -- node labels to keep
// example: labels=Product,Facility
MATCH (n)
WHERE labels(n)[0] IN $labels
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
