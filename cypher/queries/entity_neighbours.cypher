// name: entity_neighbours
// description: Every relationship of an entity, with its type, direction, the node at the other end and the evidence.
// param: id: ref -- the entity (id, name or alias)
// example: id=product:butler
OPTIONAL MATCH (n1:Person {id: $id})
OPTIONAL MATCH (n2:Role {id: $id})
OPTIONAL MATCH (n3:Team {id: $id})
OPTIONAL MATCH (n4:Product {id: $id})
OPTIONAL MATCH (n5:Facility {id: $id})
OPTIONAL MATCH (n6:Milestone {id: $id})
OPTIONAL MATCH (n7:Institution {id: $id})
OPTIONAL MATCH (n8:Document {id: $id})
WITH coalesce(n1, n2, n3, n4, n5, n6, n7, n8) AS n
WHERE n IS NOT NULL
MATCH (n)-[e]-(m)
RETURN type(e) AS type, startNode(e).id = n.id AS outgoing, m.id AS id, labels(m)[0] AS label,
       m.name AS name, properties(e) AS props
ORDER BY type, outgoing, name
