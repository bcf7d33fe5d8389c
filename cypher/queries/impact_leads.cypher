// name: impact_leads
// description: Teams these people lead, with the evidence and the other leads who stay.
// internal: true
// param: people: list[str] -- ids of the people leaving
// example: people=person:tim-jenness
MATCH (p:Person)-[e:LEADS]->(t:Team)
WHERE p.id IN $people
OPTIONAL MATCH (o:Person)-[:LEADS]->(t)
WHERE NOT o.id IN $people
RETURN p.id AS person_id, t.id AS team_id, t.name AS team, e.sources AS sources,
       e.confidence AS confidence, collect(o.name) AS remaining
ORDER BY team_id, person_id
