// name: viz_edges_touching
// description: Relationships with at least one end among the given ids, optionally of some types (one hop of a neighbourhood).
// internal: true
// param: ids: list[str] -- node ids
// param: types: list[str] = -- relationship types to keep (all when empty)
// example: ids=product:qserv
MATCH (a)-[e]->(b)
WHERE (a.id IN $ids OR b.id IN $ids)
  AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a.id AS source, b.id AS target, type(e) AS type, properties(e) AS props
ORDER BY source, type, target
