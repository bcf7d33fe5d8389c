// name: dependencies_step
// description: One step of a dependencies walk: what any of the given products or milestones depends on directly (DEPENDS_ON), with the evidence.
// internal: true
// param: ids: list[str] -- product or milestone ids
// example: ids=product:butler
UNWIND $ids AS source
MATCH (s:Product {id: source})-[e:DEPENDS_ON]->(d)
RETURN source AS target, d.id AS id, labels(d)[0] AS label, d.name AS name, e.sources AS sources
UNION ALL
UNWIND $ids AS source
MATCH (s:Milestone {id: source})-[e:DEPENDS_ON]->(d)
RETURN source AS target, d.id AS id, labels(d)[0] AS label, d.name AS name, e.sources AS sources
