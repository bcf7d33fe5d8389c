// name: impact_team_staff
// description: Staffing of the teams before any move: role holdings, distinct people, FTE, and leads.
// internal: true
// param: teams: list[str] -- team ids
// example: teams=team:qserv,team:execution
MATCH (t:Team)
WHERE t.id IN $teams
OPTIONAL MATCH (p:Person)-[h:HOLDS]->(:Role)-[:MEMBER_OF]->(t)
WITH t, count(h) AS holdings, count(DISTINCT p) AS people, sum(coalesce(h.fte, 0.0)) AS fte,
     sum(CASE WHEN h.fte IS NULL AND h IS NOT NULL THEN 1 ELSE 0 END) AS unknown_fte
OPTIONAL MATCH (l:Person)-[:LEADS]->(t)
RETURN t.id AS id, t.name AS name, holdings, people, fte, unknown_fte, collect(l.id) AS leads
ORDER BY id
