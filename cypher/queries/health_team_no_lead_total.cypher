// name: health_team_no_lead_total
// description: Denominator of health_team_no_lead: all teams.
// internal: true
MATCH (t:Team)
RETURN count(t) AS total
