// name: health_role_no_description_total
// description: Denominator of health_role_no_description: the roles a document lists; and the roles only named as the one another reports to (not checked).
// internal: true
MATCH (r:Role)
RETURN count(CASE WHEN r.title IS NOT NULL THEN 1 END) AS total,
       count(CASE WHEN r.title IS NULL THEN 1 END) AS unchecked
