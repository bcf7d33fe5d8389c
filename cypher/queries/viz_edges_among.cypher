// name: viz_edges_among
// description: Relationships whose two ends are both among the given ids, optionally of some types (the subgraph a view draws).
// internal: true
// param: ids: list[str] -- node ids
// param: types: list[str] = -- relationship types to keep (all when empty)
// example: ids=product:qserv,product:tap,milestone:l3-mw-0010
MATCH (a)-[e]->(b)
WHERE a.id IN $ids AND b.id IN $ids
  AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a.id AS source, b.id AS target, type(e) AS type, properties(e) AS props
ORDER BY source, type, target
