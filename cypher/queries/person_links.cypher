// name: person_links
// description: What a person manages, owns and leads, whom they are affiliated with and report to, with the evidence.
// param: id: ref Person -- the person (id, name or alias)
// example: id=person:tim-jenness
MATCH (p:Person {id: $id})-[e]->(x)
WHERE type(e) IN ['MANAGES', 'OWNS', 'LEADS', 'AFFILIATED_WITH', 'REPORTS_TO']
RETURN type(e) AS type, x.id AS id, labels(x)[0] AS label, x.name AS name, e.sources AS sources
ORDER BY type, name
