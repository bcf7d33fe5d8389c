// name: health_overcommitted
// description: People whose FTE over all the roles they hold adds up to more than max_fte.
// param: max_fte: float = 1.0 -- the most FTE one person can give
MATCH (p:Person)-[h:HOLDS]->(r:Role)
WITH p, sum(coalesce(h.fte, 0.0)) AS fte, collect(r.name + ' ' + toString(coalesce(h.fte, '?')))
     AS roles, collect(h.sources) AS evs
WHERE fte > $max_fte + 0.000001
RETURN p.id AS id, 'Person' AS label, p.name AS name,
       toString(round(fte * 100) / 100.0) + ' FTE over ' + toString(size(roles)) + ' role(s)' AS detail,
       fte, roles, reduce(acc = [], x IN evs | acc + x) AS sources
ORDER BY fte DESC, name
