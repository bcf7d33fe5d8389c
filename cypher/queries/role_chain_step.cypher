// name: role_chain_step
// description: One step up the reporting chain: the roles the given roles report to (REPORTS_TO), their holders, and the evidence.
// internal: true
// param: ids: list[str] -- role ids
// example: ids=role:alert-pipeline-scientist-noirlab
UNWIND $ids AS target
MATCH (r:Role {id: target})-[e:REPORTS_TO]->(up:Role)
OPTIONAL MATCH (h:Person)-[hh:HOLDS]->(up)
RETURN target, up.id AS id, 'Role' AS label, up.name AS name, e.sources AS sources,
       collect(CASE WHEN h IS NULL THEN null
               ELSE {id: h.id, name: h.name, fte: hh.fte, sources: hh.sources} END) AS holders
