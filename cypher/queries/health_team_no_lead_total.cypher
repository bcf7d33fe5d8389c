// name: health_team_no_lead_total
// description: Denominator of health_team_no_lead: teams stated by a document that names people; and how many teams were not checked.
// internal: true
OPTIONAL MATCH ()-[h:HOLDS|LEADS]->()
WHERE type(h) = 'LEADS' OR coalesce(h.confidence, '') <> 'inferred'
WITH collect(DISTINCT h.documents) AS lists
WITH reduce(acc = [], x IN lists | acc + x) AS staffed
MATCH (t:Team)
WITH any(d IN coalesce(t.documents, []) WHERE d IN staffed) AS checked
RETURN count(CASE WHEN checked THEN 1 END) AS total,
       count(CASE WHEN checked THEN NULL ELSE 1 END) AS unchecked
