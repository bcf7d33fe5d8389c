// name: health_overcommitted
// description: People whose FTE over the roles one document says they hold adds up to more than max_fte (each document on its own: a plan of 2021 and one of 2023 are not added up); one row per person and document.
// param: max_fte: float = 1.0 -- the most FTE one person can give
MATCH (p:Person)-[h:HOLDS]->(r:Role)
UNWIND coalesce(h.documents, []) AS document
WITH p, document, sum(coalesce(h.fte, 0.0)) AS fte,
     collect(r.name + ' ' + toString(coalesce(h.fte, '?'))) AS roles, collect(h.sources) AS evs
WHERE fte > $max_fte + 0.000001
RETURN p.id AS id, 'Person' AS label, p.name AS name,
       toString(round(fte * 100) / 100.0) + ' FTE over ' + toString(size(roles))
         + ' role(s) in ' + document AS detail,
       document, fte, roles, reduce(acc = [], x IN evs | acc + x) AS sources
ORDER BY fte DESC, name, document
