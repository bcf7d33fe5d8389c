// name: impact_dependents_step
// description: One step outwards from products and milestones: what DEPENDS_ON them, and the products they are PART_OF.
// internal: true
// param: ids: list[str] -- product and milestone ids reached so far (the frontier)
// example: ids=product:qserv,milestone:l3-mw-0010
UNWIND $ids AS target
MATCH (x:Product {id: target})<-[e:DEPENDS_ON]-(d)
RETURN target, d.id AS id, labels(d)[0] AS label, d.name AS name, 'DEPENDS_ON' AS rel,
       e.sources AS sources
UNION ALL
UNWIND $ids AS target
MATCH (x:Milestone {id: target})<-[e:DEPENDS_ON]-(d)
RETURN target, d.id AS id, labels(d)[0] AS label, d.name AS name, 'DEPENDS_ON' AS rel,
       e.sources AS sources
UNION ALL
UNWIND $ids AS target
MATCH (x:Product {id: target})-[e:PART_OF]->(d:Product)
RETURN target, d.id AS id, labels(d)[0] AS label, d.name AS name, 'PART_OF' AS rel,
       e.sources AS sources
