// name: impact_person_reports
// description: People stated to report directly to any of these people (Person -> Person REPORTS_TO).
// internal: true
// param: people: list[str] -- ids of the people leaving
// example: people=person:tim-jenness
MATCH (s:Person)-[e:REPORTS_TO]->(p:Person)
WHERE p.id IN $people
RETURN s.id AS id, s.name AS name, p.id AS to_id, p.name AS to_name, e.sources AS sources
ORDER BY id
