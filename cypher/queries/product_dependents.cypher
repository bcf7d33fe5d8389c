// name: product_dependents
// description: What depends on a product or milestone, directly and transitively (DEPENDS_ON followed backwards), nearest first.
// param: id: ref Product|Milestone -- the product or milestone (id, name or alias)
// param: depth: int = 6 -- how many DEPENDS_ON hops to follow (at most 10)
// example: id=product:qserv depth=6
MATCH path = (d)-[:DEPENDS_ON*1..10]->(p {id: $id})
WHERE length(path) <= $depth
WITH d, min(length(path)) AS depth
RETURN d.id AS id, labels(d)[0] AS label, d.name AS name, depth
ORDER BY depth, name
