// name: impact_products
// description: Products these people manage or own, with who else manages or owns each and the hosts.
// internal: true
// param: people: list[str] -- ids of the people leaving
// example: people=person:fritz-mueller
MATCH (p:Person)-[e:MANAGES|OWNS]->(prod:Product)
WHERE p.id IN $people
WITH prod, collect({person_id: p.id, person: p.name, rel: type(e), sources: e.sources}) AS lost
OPTIONAL MATCH (o:Person)-[oe:MANAGES|OWNS]->(prod)
WHERE NOT o.id IN $people
WITH prod, lost,
     collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, rel: type(oe)} END) AS remaining
OPTIONAL MATCH (f:Facility)-[hs:HOSTS]->(prod)
RETURN prod.id AS id, prod.name AS name, prod.manager_status AS manager_status,
       prod.sources AS sources, lost, remaining,
       collect(CASE WHEN f IS NULL THEN null ELSE {id: f.id, name: f.name, sources: hs.sources} END)
         AS hosts
ORDER BY id
