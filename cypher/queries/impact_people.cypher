// name: impact_people
// description: The people with these ids, with their evidence (the subjects of an impact analysis).
// internal: true
// param: ids: list[str] -- person ids
// example: ids=person:fritz-mueller
MATCH (p:Person)
WHERE p.id IN $ids
RETURN p.id AS id, p.name AS name, p.sources AS sources
ORDER BY id
