// name: impact_reporting
// description: Roles that report to any of these roles, with the evidence and everyone holding them.
// internal: true
// param: roles: list[str] -- ids of the roles that are being left
// example: roles=role:data-release-pipeline-group-leader
MATCH (sub:Role)-[e:REPORTS_TO]->(r:Role)
WHERE r.id IN $roles
OPTIONAL MATCH (h:Person)-[:HOLDS]->(sub)
RETURN sub.id AS role_id, sub.name AS role, r.id AS to_role_id, r.name AS to_role,
       e.sources AS sources, collect(CASE WHEN h IS NULL THEN null ELSE {id: h.id, name: h.name} END)
         AS holders
ORDER BY role_id
