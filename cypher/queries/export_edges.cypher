// name: export_edges
// description: Every relationship with its endpoints, type and stored properties (the export reads this).
// internal: true
MATCH (a)-[e]->(b)
RETURN a.id AS source, b.id AS target, type(e) AS type, properties(e) AS props
ORDER BY source, type, target
