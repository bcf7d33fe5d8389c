// name: impact_team_people
// description: Everyone who holds a role in the team or leads it (a team leaving, for impact analysis).
// internal: true
// param: id: str -- the team's id
// example: id=team:qserv
MATCH (p:Person)-[:HOLDS]->(:Role)-[:MEMBER_OF]->(:Team {id: $id})
RETURN p.id AS id
UNION
MATCH (p:Person)-[:LEADS]->(:Team {id: $id})
RETURN p.id AS id
