// name: viz_nodes
// description: The nodes with the given ids, with labels and stored properties (the views read this).
// internal: true
// param: ids: list[str] -- node ids
// example: ids=product:qserv,product:tap
MATCH (n)
WHERE n.id IN $ids
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
