// name: known_entities
// description: Every entity with its label, name and aliases (what name resolution matches against).
MATCH (n)
WHERE NOT n:Document
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.aliases AS aliases
ORDER BY id
