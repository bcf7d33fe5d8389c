// name: path_step
// description: One step of a shortest-path search: every relationship, either direction, of the given entities (each id passed under its label), with the degree of the node reached (what expanding it next would cost); no evidence: path_evidence reads it for the path found.
// internal: true
// param: persons: list[str] = -- Person ids of the frontier
// param: roles: list[str] = -- Role ids of the frontier
// param: teams: list[str] = -- Team ids of the frontier
// param: products: list[str] = -- Product ids of the frontier
// param: facilities: list[str] = -- Facility ids of the frontier
// param: milestones: list[str] = -- Milestone ids of the frontier
// param: institutions: list[str] = -- Institution ids of the frontier
// example: persons=person:tim-jenness products=product:qserv
// @dialect falkordb
UNWIND $persons AS target
MATCH (n:Person {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
UNION ALL
UNWIND $roles AS target
MATCH (n:Role {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
UNION ALL
UNWIND $teams AS target
MATCH (n:Team {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
UNION ALL
UNWIND $products AS target
MATCH (n:Product {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
UNION ALL
UNWIND $facilities AS target
MATCH (n:Facility {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
UNION ALL
UNWIND $milestones AS target
MATCH (n:Milestone {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
UNION ALL
UNWIND $institutions AS target
MATCH (n:Institution {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, indegree(m) + outdegree(m) AS degree
// @dialect neo4j
UNWIND $persons AS target
MATCH (n:Person {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
UNION ALL
UNWIND $roles AS target
MATCH (n:Role {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
UNION ALL
UNWIND $teams AS target
MATCH (n:Team {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
UNION ALL
UNWIND $products AS target
MATCH (n:Product {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
UNION ALL
UNWIND $facilities AS target
MATCH (n:Facility {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
UNION ALL
UNWIND $milestones AS target
MATCH (n:Milestone {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
UNION ALL
UNWIND $institutions AS target
MATCH (n:Institution {id: target})-[e]-(m)
RETURN target, m.id AS id, labels(m)[0] AS label, type(e) AS type,
       startNode(e) = n AS outgoing, COUNT { (m)--() } AS degree
