// name: viz_product_groups
// description: The products and facilities that have parts (PART_OF), drawn by the overview as groups: top-level groups before nested ones, larger before smaller, at most limit per label; each with its parents.
// internal: true
// param: limit: int = 100 -- groups per label at most
// example: limit=20
MATCH (p:Product)-[:PART_OF]->(g:Product)
WITH g, count(p) AS parts
OPTIONAL MATCH (g)-[:PART_OF]->(up:Product)
WITH g, parts, collect(up.id) AS parents
RETURN g.id AS id, 'Product' AS label, g.name AS name, parts, parents
ORDER BY size(parents), parts DESC, id
LIMIT $limit
UNION ALL
MATCH (p:Facility)-[:PART_OF]->(g:Facility)
WITH g, count(p) AS parts
OPTIONAL MATCH (g)-[:PART_OF]->(up:Facility)
WITH g, parts, collect(up.id) AS parents
RETURN g.id AS id, 'Facility' AS label, g.name AS name, parts, parents
ORDER BY size(parents), parts DESC, id
LIMIT $limit
