// name: health_vacant_roles
// description: Roles with stated vacancies (TBD staff rows) or with nobody named as holder.
MATCH (r:Role)
WITH r, size([(:Person)-[:HOLDS]->(r) | 1]) AS holders
WHERE coalesce(r.vacancies, 0) > 0 OR holders = 0
RETURN r.id AS id, 'Role' AS label, r.name AS name,
       CASE WHEN coalesce(r.vacancies, 0) > 0
            THEN toString(r.vacancies) + ' vacant position(s) stated, ' + toString(holders) + ' held'
            ELSE 'no holder named' END AS detail,
       coalesce(r.vacancies, 0) AS vacancies, holders, r.sources AS sources
ORDER BY vacancies DESC, name
