// name: viz_reports_step
// description: One level down the reporting lines: who reports (REPORTS_TO) to the given roles and people, with each line's evidence and how many report to them in turn.
// internal: true
// param: roles: list[str] = -- role ids
// param: persons: list[str] = -- person ids
// example: roles=role:associate-director-for-data-management-operations
UNWIND $roles AS target
MATCH (s:Role)-[e:REPORTS_TO]->(:Role {id: target})
RETURN target, s.id AS id, 'Role' AS label, s.name AS name, e.sources AS sources,
       size([(s)<-[:REPORTS_TO]-(:Role) | 1]) AS reports
ORDER BY target, name
UNION ALL
UNWIND $persons AS target
MATCH (s:Person)-[e:REPORTS_TO]->(:Person {id: target})
RETURN target, s.id AS id, 'Person' AS label, s.name AS name, e.sources AS sources,
       size([(s)<-[:REPORTS_TO]-(:Person) | 1]) AS reports
ORDER BY target, name
