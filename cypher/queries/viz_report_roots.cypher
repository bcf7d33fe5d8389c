// name: viz_report_roots
// description: The tops of the reporting lines: roles (and people) that others report to and that report to no one, most direct reports first; total counts them all, top holds at most limit.
// internal: true
// param: limit: int = 100 -- tops at most
// example: limit=10
MATCH (s:Role)-[:REPORTS_TO]->(b:Role)
WITH b, count(s) AS reports
WITH b, reports, size([(b)-[:REPORTS_TO]->(:Role) | 1]) AS up
WHERE up = 0
WITH b, reports
ORDER BY reports DESC, b.id
WITH collect({id: b.id, label: 'Role', name: b.name, reports: reports}) AS tops
RETURN size(tops) AS total, tops[0..$limit] AS top
UNION ALL
MATCH (s:Person)-[:REPORTS_TO]->(b:Person)
WITH b, count(s) AS reports
WITH b, reports, size([(b)-[:REPORTS_TO]->(:Person) | 1]) AS up
WHERE up = 0
WITH b, reports
ORDER BY reports DESC, b.id
WITH collect({id: b.id, label: 'Person', name: b.name, reports: reports}) AS tops
RETURN size(tops) AS total, tops[0..$limit] AS top
