// name: dependents_step
// description: One step of a dependents walk: what depends directly (DEPENDS_ON) on any of the given products or milestones, with the evidence.
// internal: true
// param: ids: list[str] -- product or milestone ids
// example: ids=product:qserv
UNWIND $ids AS target
MATCH (t:Product {id: target})<-[e:DEPENDS_ON]-(d)
RETURN target, d.id AS id, labels(d)[0] AS label, d.name AS name, e.sources AS sources
UNION ALL
UNWIND $ids AS target
MATCH (t:Milestone {id: target})<-[e:DEPENDS_ON]-(d)
RETURN target, d.id AS id, labels(d)[0] AS label, d.name AS name, e.sources AS sources
