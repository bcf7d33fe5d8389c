// name: health_role_no_description_total
// description: Denominator of health_role_no_description: all roles.
// internal: true
MATCH (r:Role)
RETURN count(r) AS total
