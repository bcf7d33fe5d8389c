// name: milestones
// description: Milestones, optionally of one team, due in a date range, or at one level; soonest first, with the evidence.
// param: team: ref Team = -- the team (id, name or alias)
// param: before: str = -- ISO date: due on or before
// param: after: str = -- ISO date: due on or after
// param: level: int = -- milestone level
// example: team=team:science-platform-and-reliability-engineering after=2021-01-01 before=2021-12-31 level=2
MATCH (m:Milestone)
OPTIONAL MATCH (t:Team)-[rf:RESPONSIBLE_FOR]->(m)
WITH m, t, rf
WHERE ($team IS NULL OR $team = '' OR t.id = $team OR toLower(t.name) = toLower($team))
  AND ($before IS NULL OR $before = '' OR m.due <= $before)
  AND ($after IS NULL OR $after = '' OR m.due >= $after)
  AND ($level IS NULL OR m.level = $level)
RETURN m.id AS id, m.name AS name, m.jira_id AS jira_id, m.rubin_id AS rubin_id, m.due AS due,
       m.level AS level, collect(t.name) AS teams,
       collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name, sources: rf.sources} END)
         AS team_refs,
       m.sources AS sources
ORDER BY due, name
