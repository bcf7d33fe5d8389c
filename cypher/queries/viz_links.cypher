// name: viz_links
// description: The relationships of the given nodes (each id passed under its label), each direction, with the type and the far end's id, label and name, at most limit rows per label and direction; no evidence (the overview draws counts).
// internal: true
// param: persons: list[str] = -- Person ids
// param: roles: list[str] = -- Role ids
// param: teams: list[str] = -- Team ids
// param: products: list[str] = -- Product ids
// param: facilities: list[str] = -- Facility ids
// param: milestones: list[str] = -- Milestone ids
// param: institutions: list[str] = -- Institution ids
// param: limit: int = 5000 -- rows per label and direction at most
// example: teams=team:data-services persons=person:tim-jenness
UNWIND $persons AS target
MATCH (:Person {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $persons AS target
MATCH (:Person {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $roles AS target
MATCH (:Role {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $roles AS target
MATCH (:Role {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $teams AS target
MATCH (:Team {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $teams AS target
MATCH (:Team {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $products AS target
MATCH (:Product {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $products AS target
MATCH (:Product {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $facilities AS target
MATCH (:Facility {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $facilities AS target
MATCH (:Facility {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $milestones AS target
MATCH (:Milestone {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $milestones AS target
MATCH (:Milestone {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $institutions AS target
MATCH (:Institution {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $institutions AS target
MATCH (:Institution {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type, false AS outgoing
LIMIT $limit
