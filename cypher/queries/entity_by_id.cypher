// name: entity_by_id
// description: The entity with this exact id, with its label and stored properties (one labelled index lookup per label).
// param: id: ref -- the entity (id, name or alias)
// example: id=product:butler
MATCH (n:Person {id: $id}) RETURN n.id AS id, 'Person' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Role {id: $id}) RETURN n.id AS id, 'Role' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Team {id: $id}) RETURN n.id AS id, 'Team' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Product {id: $id}) RETURN n.id AS id, 'Product' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Facility {id: $id}) RETURN n.id AS id, 'Facility' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Milestone {id: $id}) RETURN n.id AS id, 'Milestone' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Institution {id: $id}) RETURN n.id AS id, 'Institution' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
UNION ALL
MATCH (n:Document {id: $id}) RETURN n.id AS id, 'Document' AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
