// name: viz_group_parts
// description: The direct parts (PART_OF) of the given products and facilities: what a product group counts and expands into.
// internal: true
// param: products: list[str] = -- product ids
// param: facilities: list[str] = -- facility ids
// param: limit: int = 5000 -- parts per label at most
// example: products=product:data-services
UNWIND $products AS grp
MATCH (p:Product)-[:PART_OF]->(:Product {id: grp})
RETURN grp AS group, p.id AS id, 'Product' AS label, p.name AS name
ORDER BY group, name
LIMIT $limit
UNION ALL
UNWIND $facilities AS grp
MATCH (p:Facility)-[:PART_OF]->(:Facility {id: grp})
RETURN grp AS group, p.id AS id, 'Facility' AS label, p.name AS name
ORDER BY group, name
LIMIT $limit
