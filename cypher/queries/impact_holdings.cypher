// name: impact_holdings
// description: The roles these people hold (FTE, teams, evidence) and who else holds each role.
// internal: true
// param: people: list[str] -- ids of the people leaving
// example: people=person:fritz-mueller
MATCH (p:Person)-[h:HOLDS]->(r:Role)
WHERE p.id IN $people
OPTIONAL MATCH (r)-[:MEMBER_OF]->(t:Team)
WITH p, h, r, collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name} END) AS teams
OPTIONAL MATCH (o:Person)-[oh:HOLDS]->(r)
WHERE NOT o.id IN $people
RETURN p.id AS person_id, p.name AS person, r.id AS role_id, r.name AS role, r.wbs AS wbs,
       r.vacancies AS vacancies, h.fte AS fte, h.sources AS sources, teams,
       collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, fte: oh.fte} END) AS remaining
ORDER BY role_id, person_id
