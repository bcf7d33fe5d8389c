// name: path_step
// description: One step of a shortest-path search: every relationship, either direction, of the given entities (no evidence: path_evidence reads it for the path found).
// internal: true
// param: ids: list[str] -- entity ids (the frontier)
// example: ids=person:tim-jenness
UNWIND $ids AS target
MATCH (n:Person {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
UNION ALL
UNWIND $ids AS target
MATCH (n:Role {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
UNION ALL
UNWIND $ids AS target
MATCH (n:Team {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
UNION ALL
UNWIND $ids AS target
MATCH (n:Product {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
UNION ALL
UNWIND $ids AS target
MATCH (n:Facility {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
UNION ALL
UNWIND $ids AS target
MATCH (n:Milestone {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
UNION ALL
UNWIND $ids AS target
MATCH (n:Institution {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, m.name AS name, type(e) AS type,
       startNode(e) = n AS outgoing
