// name: role_reports_step
// description: One step down the reporting tree: the roles that report to the given roles (REPORTS_TO), their holders, and the evidence.
// internal: true
// param: ids: list[str] -- role ids
// example: ids=role:alert-production-pipeline-group-leader
UNWIND $ids AS target
MATCH (r:Role {id: target})<-[e:REPORTS_TO]-(sub:Role)
OPTIONAL MATCH (h:Person)-[hh:HOLDS]->(sub)
RETURN target, sub.id AS id, 'Role' AS label, sub.name AS name, e.sources AS sources,
       collect(CASE WHEN h IS NULL THEN null
               ELSE {id: h.id, name: h.name, fte: hh.fte, sources: hh.sources} END) AS holders
