// name: person_roles
// description: The roles a person holds, with FTE, institution, team and evidence.
// param: id: ref Person -- the person (id, name or alias)
// example: id=person:tim-jenness
MATCH (p:Person {id: $id})-[h:HOLDS]->(r:Role)
OPTIONAL MATCH (r)-[mo:MEMBER_OF]->(t:Team)
RETURN r.id AS role_id, r.name AS title, r.wbs AS wbs, h.fte AS fte, h.institution AS institution,
       collect(DISTINCT t.name) AS teams,
       collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name, sources: mo.sources} END)
         AS team_refs,
       h.sources AS sources
ORDER BY title
