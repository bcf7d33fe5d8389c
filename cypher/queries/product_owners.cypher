// name: product_owners
// description: Who manages and who owns a product, each with the evidence for it.
// param: id: ref Product -- the product (id, name or alias), e.g. product:butler
// example: id=product:butler
MATCH (p:Product {id: $id})
OPTIONAL MATCH (m:Person)-[rm:MANAGES]->(p)
WITH p, collect(CASE WHEN m IS NULL THEN null
                ELSE {id: m.id, name: m.name, sources: rm.sources} END) AS managers
OPTIONAL MATCH (o:Person)-[ro:OWNS]->(p)
RETURN p.id AS id, p.name AS name, p.manager_status AS manager_status, managers,
       collect(CASE WHEN o IS NULL THEN null
               ELSE {id: o.id, name: o.name, sources: ro.sources} END) AS owners,
       p.sources AS sources
