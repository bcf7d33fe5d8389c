// name: health_product_no_manager_total
// description: Denominator of health_product_no_manager: products listed with a manager column.
// internal: true
MATCH (p:Product)
WHERE p.in_product_table = true OR p.manager_status IS NOT NULL
RETURN count(p) AS total
