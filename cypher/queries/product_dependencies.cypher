// name: product_dependencies
// description: What a product or milestone depends on, directly and transitively, nearest first.
// param: id: ref Product|Milestone -- the product or milestone (id, name or alias)
// param: depth: int = 6 -- how many DEPENDS_ON hops to follow (at most 10)
// example: id=product:butler depth=6
MATCH path = (p {id: $id})-[:DEPENDS_ON*1..10]->(d)
WHERE length(path) <= $depth
WITH d, min(length(path)) AS depth
RETURN d.id AS id, labels(d)[0] AS label, d.name AS name, depth
ORDER BY depth, name
