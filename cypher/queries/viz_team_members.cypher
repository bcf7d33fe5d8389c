// name: viz_team_members
// description: The roles that are members of the given teams, each with the people who hold it (ids and names): what a team's group node counts and expands into.
// internal: true
// param: teams: list[str] -- team ids
// param: limit: int = 5000 -- roles at most
// example: teams=team:data-services
UNWIND $teams AS team
MATCH (r:Role)-[:MEMBER_OF]->(:Team {id: team})
OPTIONAL MATCH (p:Person)-[:HOLDS]->(r)
WITH team, r, collect(CASE WHEN p IS NULL THEN null ELSE {id: p.id, name: p.name} END) AS holders
RETURN team, r.id AS id, r.name AS name, holders
ORDER BY team, name
LIMIT $limit
