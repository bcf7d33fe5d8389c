// name: person_roles
// description: The roles a person holds, with FTE, institution, team and evidence.
// param: id: str -- the person's id
// example: id=person:tim-jenness
MATCH (p:Person {id: $id})-[h:HOLDS]->(r:Role)
OPTIONAL MATCH (r)-[:MEMBER_OF]->(t:Team)
RETURN r.id AS role_id, r.name AS title, r.wbs AS wbs, h.fte AS fte, h.institution AS institution,
       collect(DISTINCT t.name) AS teams, h.sources AS sources
ORDER BY title
