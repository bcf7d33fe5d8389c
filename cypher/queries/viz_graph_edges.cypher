// name: viz_graph_edges
// description: Every relationship of the given types between nodes of the given labels (the whole-graph and org-chart views read this).
// internal: true
// param: labels: list[str] -- node labels both ends must have
// param: types: list[str] -- relationship types to keep
// example: labels=Product,Facility,Milestone types=HOSTS,DEPENDS_ON
MATCH (a)-[e]->(b)
WHERE type(e) IN $types AND labels(a)[0] IN $labels AND labels(b)[0] IN $labels
RETURN a.id AS source, b.id AS target, type(e) AS type, properties(e) AS props
ORDER BY source, type, target
