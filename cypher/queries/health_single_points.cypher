// name: health_single_points
// description: Bus factor 1: a person who alone manages or owns, or a facility that alone hosts, at least min_products products.
// param: min_products: int = 3 -- how many sole products make a single point of failure
MATCH (p:Person)-[e:MANAGES|OWNS]->(prod:Product)
WITH p, e, prod, [(o:Person)-[:MANAGES|OWNS]->(prod) | o.id] AS responsible
WHERE all(x IN responsible WHERE x = p.id)
WITH p, collect(DISTINCT prod.id) AS products, collect(DISTINCT prod.name) AS names,
     collect(e.sources) AS evs
WHERE size(products) >= $min_products
RETURN p.id AS id, 'Person' AS label, p.name AS name,
       'sole manager or owner of ' + toString(size(products)) + ' products' AS detail,
       products, names, reduce(acc = [], x IN evs | acc + x) AS sources
UNION ALL
MATCH (f:Facility)-[e:HOSTS]->(prod:Product)
WITH f, e, prod, size([(:Facility)-[:HOSTS]->(prod) | 1]) AS hosts
WHERE hosts = 1
WITH f, collect(DISTINCT prod.id) AS products, collect(DISTINCT prod.name) AS names,
     collect(e.sources) AS evs
WHERE size(products) >= $min_products
RETURN f.id AS id, 'Facility' AS label, f.name AS name,
       'sole host of ' + toString(size(products)) + ' products' AS detail,
       products, names, reduce(acc = [], x IN evs | acc + x) AS sources
