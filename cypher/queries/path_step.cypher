// name: path_step
// description: One step of a shortest-path search: the neighbours of the given entities (each id passed under its label) over any relationship, each direction, at most limit rows per label and direction. No type and no evidence: path_evidence reads them for the path found.
// internal: true
// param: persons: list[str] = -- Person ids of the frontier
// param: roles: list[str] = -- Role ids of the frontier
// param: teams: list[str] = -- Team ids of the frontier
// param: products: list[str] = -- Product ids of the frontier
// param: facilities: list[str] = -- Facility ids of the frontier
// param: milestones: list[str] = -- Milestone ids of the frontier
// param: institutions: list[str] = -- Institution ids of the frontier
// param: limit: int = 5000 -- rows per label and direction at most (the search's budget)
// example: persons=person:tim-jenness products=product:qserv
UNWIND $persons AS target
MATCH (n:Person {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $persons AS target
MATCH (n:Person {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $roles AS target
MATCH (n:Role {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $roles AS target
MATCH (n:Role {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $teams AS target
MATCH (n:Team {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $teams AS target
MATCH (n:Team {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $products AS target
MATCH (n:Product {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $products AS target
MATCH (n:Product {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $facilities AS target
MATCH (n:Facility {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $facilities AS target
MATCH (n:Facility {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $milestones AS target
MATCH (n:Milestone {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $milestones AS target
MATCH (n:Milestone {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
UNION ALL
UNWIND $institutions AS target
MATCH (n:Institution {id: target})-[e]->(m)
RETURN target, m.id AS id, labels(m)[0] AS label, true AS outgoing
LIMIT $limit
UNION ALL
UNWIND $institutions AS target
MATCH (n:Institution {id: target})<-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, false AS outgoing
LIMIT $limit
