// name: health_team_no_lead
// description: Teams nobody is stated (or inferred) to lead.
MATCH (t:Team)
WITH t, size([(:Person)-[:LEADS]->(t) | 1]) AS leads
WHERE leads = 0
RETURN t.id AS id, 'Team' AS label, t.name AS name,
       toString(size([(:Role)-[:MEMBER_OF]->(t) | 1])) + ' role(s), no lead' AS detail,
       t.sources AS sources
ORDER BY name
