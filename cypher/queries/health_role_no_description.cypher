// name: health_role_no_description
// description: Roles a document lists (a table row, a heading, a chart box) whose description is missing or a placeholder ('To be written!', TBD, '?'); a role only named as the one another reports to is not checked.
// param: placeholders: list[str] = to be written!,to be written,tbd,tbc,? -- lower-case placeholder texts
MATCH (r:Role)
WHERE r.title IS NOT NULL
  AND (r.description IS NULL OR trim(r.description) = ''
       OR toLower(trim(r.description)) IN $placeholders)
RETURN r.id AS id, 'Role' AS label, r.name AS name,
       CASE WHEN r.description IS NULL OR trim(r.description) = '' THEN 'no description'
            ELSE 'description: ' + r.description END AS detail,
       r.sources AS sources
ORDER BY name
