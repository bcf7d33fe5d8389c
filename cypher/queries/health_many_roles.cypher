// name: health_many_roles
// description: People one document says hold more than max_roles roles (each document on its own); one row per person and document.
// param: max_roles: int = 2 -- how many roles one person may hold
MATCH (p:Person)-[h:HOLDS]->(r:Role)
UNWIND coalesce(h.documents, []) AS document
WITH p, document, collect(r.name) AS roles, collect(h.sources) AS evs
WHERE size(roles) > $max_roles
RETURN p.id AS id, 'Person' AS label, p.name AS name,
       toString(size(roles)) + ' roles in ' + document AS detail, document, roles,
       reduce(acc = [], x IN evs | acc + x) AS sources
ORDER BY size(roles) DESC, name, document
