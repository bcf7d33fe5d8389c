// name: health_many_roles
// description: People who hold more than max_roles roles.
// param: max_roles: int = 2 -- how many roles one person may hold
MATCH (p:Person)-[h:HOLDS]->(r:Role)
WITH p, collect(r.name) AS roles, collect(h.sources) AS evs
WHERE size(roles) > $max_roles
RETURN p.id AS id, 'Person' AS label, p.name AS name,
       toString(size(roles)) + ' roles' AS detail, roles,
       reduce(acc = [], x IN evs | acc + x) AS sources
ORDER BY size(roles) DESC, name
