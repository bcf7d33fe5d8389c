// name: role_chain
// description: The reporting chain above a role, up to the top (REPORTS_TO followed forwards), nearest first.
// param: id: ref Role -- the role (id, title or alias)
// example: id=role:data-release-pipeline-scientist-slac
MATCH path = (r:Role {id: $id})-[:REPORTS_TO*1..12]->(up:Role)
WITH up, min(length(path)) AS distance
OPTIONAL MATCH (h:Person)-[:HOLDS]->(up)
RETURN up.id AS id, up.name AS title, distance, collect(h.name) AS holders
ORDER BY distance
