// name: health_product_no_owner
// description: Products that have a manager but no owner.
MATCH (m:Person)-[e:MANAGES]->(p:Product)
WITH m, e, p, size([(:Person)-[:OWNS]->(p) | 1]) AS owners
WHERE owners = 0
WITH p, collect(m.name) AS managers, collect(e.sources) AS evs
RETURN p.id AS id, 'Product' AS label, p.name AS name,
       'managed by ' + reduce(s = '', n IN managers | s + CASE WHEN s = '' THEN '' ELSE ', ' END + n)
         + ', no owner' AS detail,
       managers, reduce(acc = [], x IN evs | acc + x) AS sources
ORDER BY name
