// name: viz_edges_between
// description: The relationships whose two ends are both among ids, optionally of some types; the sources are passed under their labels (indexed lookups), so the cost follows the ids, not the graph.
// internal: true
// param: ids: list[str] -- every id of the subgraph
// param: persons: list[str] = -- Person ids among the ids
// param: roles: list[str] = -- Role ids among the ids
// param: teams: list[str] = -- Team ids among the ids
// param: products: list[str] = -- Product ids among the ids
// param: facilities: list[str] = -- Facility ids among the ids
// param: milestones: list[str] = -- Milestone ids among the ids
// param: institutions: list[str] = -- Institution ids among the ids
// param: types: list[str] = -- relationship types to keep (all when empty)
// example: ids=product:qserv,product:tap products=product:qserv,product:tap types=DEPENDS_ON
UNWIND $persons AS a
MATCH (:Person {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
UNION ALL
UNWIND $roles AS a
MATCH (:Role {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
UNION ALL
UNWIND $teams AS a
MATCH (:Team {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
UNION ALL
UNWIND $products AS a
MATCH (:Product {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
UNION ALL
UNWIND $facilities AS a
MATCH (:Facility {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
UNION ALL
UNWIND $milestones AS a
MATCH (:Milestone {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
UNION ALL
UNWIND $institutions AS a
MATCH (:Institution {id: a})-[e]->(b)
WHERE b.id IN $ids AND ($types IS NULL OR size($types) = 0 OR type(e) IN $types)
RETURN a AS source, b.id AS target, type(e) AS type, properties(e) AS props
