// name: part_of_step
// description: One step up the product tree: the products any of the given products is PART_OF, with the evidence.
// internal: true
// param: ids: list[str] -- product ids (the frontier)
// example: ids=product:qserv
UNWIND $ids AS target
MATCH (x:Product {id: target})-[e:PART_OF]->(d:Product)
RETURN target, d.id AS id, labels(d)[0] AS label, d.name AS name, e.sources AS sources
