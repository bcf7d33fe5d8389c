// name: milestone
// description: One milestone: its dates, level, identifiers and the teams responsible, with the evidence.
// param: id: ref Milestone -- the milestone (id, name or alias)
// example: id=milestone:l3-mw-0010
MATCH (m:Milestone {id: $id})
OPTIONAL MATCH (t:Team)-[rf:RESPONSIBLE_FOR]->(m)
RETURN m.id AS id, m.name AS name, m.jira_id AS jira_id, m.rubin_id AS rubin_id, m.due AS due,
       m.level AS level, collect(t.name) AS teams,
       collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name, sources: rf.sources} END)
         AS team_refs,
       m.sources AS sources
