// name: viz_top_teams
// description: The teams drawn first by the overview: top-level teams (part of no other team) before sub-teams, larger before smaller (roles that are members), at most limit; each with its parent teams.
// internal: true
// param: limit: int = 100 -- teams at most
// example: limit=20
MATCH (t:Team)
OPTIONAL MATCH (r:Role)-[:MEMBER_OF]->(t)
WITH t, count(r) AS roles
OPTIONAL MATCH (t)-[:PART_OF]->(up:Team)
WITH t, roles, collect(up.id) AS parents
RETURN t.id AS id, t.name AS name, roles, parents
ORDER BY size(parents), roles DESC, id
LIMIT $limit
