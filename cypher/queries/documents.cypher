// name: documents
// description: The loaded documents, with their handle, date and what each stated at its last load.
MATCH (d:Document)
RETURN d.id AS id, d.name AS name, d.handle AS handle, d.title AS title, d.date AS date,
       d.update_tag AS update_tag, d.node_count AS nodes, d.edge_count AS edges
ORDER BY d.name
