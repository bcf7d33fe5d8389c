// name: health_reporting_cycles_total
// description: Denominator of health_reporting_cycles: roles and people with a reporting line.
// internal: true
MATCH (a)-[:REPORTS_TO]->()
RETURN count(DISTINCT a) AS total
