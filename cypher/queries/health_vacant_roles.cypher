// name: health_vacant_roles
// description: Roles with stated vacancies (TBD staff rows), or listed by a document that names role holders and held by nobody. Roles listed only where no holders are named (role tables without a staff column), or only named as the role another reports to, are not checked.
OPTIONAL MATCH ()-[h:HOLDS]->()
WHERE coalesce(h.confidence, '') <> 'inferred'
WITH collect(DISTINCT h.documents) AS lists
WITH reduce(acc = [], x IN lists | acc + x) AS staffed
MATCH (r:Role)
WITH r, staffed, size([(:Person)-[:HOLDS]->(r) | 1]) AS holders
WHERE coalesce(r.vacancies, 0) > 0
   OR (holders = 0 AND r.title IS NOT NULL
       AND any(d IN coalesce(r.documents, []) WHERE d IN staffed))
RETURN r.id AS id, 'Role' AS label, r.name AS name,
       CASE WHEN coalesce(r.vacancies, 0) > 0
            THEN toString(r.vacancies) + ' vacant position(s) stated, ' + toString(holders) + ' held'
            ELSE 'no holder named' END AS detail,
       coalesce(r.vacancies, 0) AS vacancies, holders, r.sources AS sources
ORDER BY vacancies DESC, name
