// name: impact_milestones
// description: Milestones the teams are responsible for, soonest due first, with the evidence.
// internal: true
// param: teams: list[str] -- team ids
// example: teams=team:science-user-middleware
MATCH (t:Team)-[e:RESPONSIBLE_FOR]->(m:Milestone)
WHERE t.id IN $teams
RETURN m.id AS id, m.name AS name, m.due AS due, m.level AS level, m.jira_id AS jira_id,
       m.rubin_id AS rubin_id, t.id AS team_id, t.name AS team, e.sources AS sources
ORDER BY due, id, team_id
