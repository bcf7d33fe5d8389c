// name: health_product_no_owner_total
// description: Denominator of health_product_no_owner: products with a manager.
// internal: true
MATCH (p:Product)
WITH p, size([(:Person)-[:MANAGES]->(p) | 1]) AS managers
WHERE managers > 0
RETURN count(p) AS total
