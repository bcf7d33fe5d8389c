// name: impact_dependents_step
// description: One step outwards from products and milestones: what DEPENDS_ON them, and the products they are PART_OF.
// param: products: list[str] -- product ids reached so far (the frontier)
// param: milestones: list[str] -- milestone ids reached so far (the frontier)
// example: products=product:qserv milestones=milestone:l3-mw-0010
MATCH (d)-[e:DEPENDS_ON]->(x:Product)
WHERE x.id IN $products
RETURN x.id AS via, d.id AS id, labels(d)[0] AS label, d.name AS name, 'DEPENDS_ON' AS rel,
       e.sources AS sources
UNION ALL
MATCH (d)-[e:DEPENDS_ON]->(x:Milestone)
WHERE x.id IN $milestones
RETURN x.id AS via, d.id AS id, labels(d)[0] AS label, d.name AS name, 'DEPENDS_ON' AS rel,
       e.sources AS sources
UNION ALL
MATCH (x:Product)-[e:PART_OF]->(d:Product)
WHERE x.id IN $products
RETURN x.id AS via, d.id AS id, labels(d)[0] AS label, d.name AS name, 'PART_OF' AS rel,
       e.sources AS sources
