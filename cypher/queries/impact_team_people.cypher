// name: impact_team_people
// description: Everyone who holds a role in the team or leads it (a team leaving, for impact analysis).
// param: id: str -- the team's id
// example: id=team:qserv
MATCH (t:Team {id: $id})
OPTIONAL MATCH (p:Person)-[:HOLDS]->(:Role)-[:MEMBER_OF]->(t)
WITH t, collect(p.id) AS holders
OPTIONAL MATCH (l:Person)-[:LEADS]->(t)
WITH holders + collect(l.id) AS ids
UNWIND ids AS id
RETURN DISTINCT id
ORDER BY id
