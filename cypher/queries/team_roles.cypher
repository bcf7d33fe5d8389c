// name: team_roles
// description: The roles of a team and who holds each (an empty holder list is a vacancy), with the evidence.
// param: id: ref Team -- the team (id, name or alias)
// example: id=team:science-user-middleware
MATCH (r:Role)-[mo:MEMBER_OF]->(t:Team {id: $id})
OPTIONAL MATCH (p:Person)-[h:HOLDS]->(r)
RETURN r.id AS role_id, r.name AS title, r.wbs AS wbs, mo.sources AS sources,
       collect(CASE WHEN p IS NULL THEN null
               ELSE {id: p.id, name: p.name, fte: h.fte, sources: h.sources} END) AS holders
ORDER BY title
