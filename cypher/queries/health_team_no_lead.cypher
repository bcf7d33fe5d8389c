// name: health_team_no_lead
// description: Teams stated by a document that names people (role holders or team leads) and that nobody is stated (or inferred) to lead. Teams only documents naming nobody state are not checked.
OPTIONAL MATCH ()-[h:HOLDS|LEADS]->()
WHERE type(h) = 'LEADS' OR coalesce(h.confidence, '') <> 'inferred'
WITH collect(DISTINCT h.documents) AS lists
WITH reduce(acc = [], x IN lists | acc + x) AS staffed
MATCH (t:Team)
WHERE any(d IN coalesce(t.documents, []) WHERE d IN staffed)
WITH t, size([(:Person)-[:LEADS]->(t) | 1]) AS leads
WHERE leads = 0
RETURN t.id AS id, 'Team' AS label, t.name AS name,
       toString(size([(:Role)-[:MEMBER_OF]->(t) | 1])) + ' role(s), no lead' AS detail,
       t.sources AS sources
ORDER BY name
