// name: health_many_roles_total
// description: Denominator of health_many_roles: people who hold a role.
// internal: true
MATCH (p:Person)
WITH p, size([(p)-[:HOLDS]->(:Role) | 1]) AS roles
WHERE roles > 0
RETURN count(p) AS total
