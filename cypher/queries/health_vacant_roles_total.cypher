// name: health_vacant_roles_total
// description: Denominator of health_vacant_roles (and health_role_no_description): all roles.
// internal: true
MATCH (r:Role)
RETURN count(r) AS total
