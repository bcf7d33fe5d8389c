// name: health_product_no_manager
// description: Products listed with a manager column but no named manager (TBD, '?', empty).
MATCH (p:Product)
WHERE p.in_product_table = true OR p.manager_status IS NOT NULL
WITH p, size([(:Person)-[:MANAGES]->(p) | 1]) AS managers
WHERE managers = 0
RETURN p.id AS id, 'Product' AS label, p.name AS name,
       'manager: ' + coalesce(p.manager_status, 'unknown') AS detail,
       p.manager_status AS manager_status, p.sources AS sources
ORDER BY name
