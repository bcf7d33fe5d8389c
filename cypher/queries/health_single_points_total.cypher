// name: health_single_points_total
// description: Denominator of health_single_points: people who manage or own, and facilities that host, a product.
// internal: true
MATCH (n)-[:MANAGES|OWNS|HOSTS]->(:Product)
RETURN count(DISTINCT n) AS total
