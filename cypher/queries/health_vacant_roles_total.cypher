// name: health_vacant_roles_total
// description: Denominator of health_vacant_roles: roles with stated vacancies or listed by a document that names role holders; and how many roles were not checked.
// internal: true
OPTIONAL MATCH ()-[h:HOLDS]->()
WHERE coalesce(h.confidence, '') <> 'inferred'
WITH collect(DISTINCT h.documents) AS lists
WITH reduce(acc = [], x IN lists | acc + x) AS staffed
MATCH (r:Role)
WITH coalesce(r.vacancies, 0) > 0
     OR (r.title IS NOT NULL AND any(d IN coalesce(r.documents, []) WHERE d IN staffed))
     AS checked
RETURN count(CASE WHEN checked THEN 1 END) AS total,
       count(CASE WHEN checked THEN NULL ELSE 1 END) AS unchecked
