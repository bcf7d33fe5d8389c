// name: shortest_path
// description: The shortest connection between two entities over any relationship, in either direction, each hop with its type and evidence.
// param: from_id: ref -- the first entity (id, name or alias)
// param: to_id: ref -- the second entity (id, name or alias)
// param: max: int = 6 -- the longest path to look for (hops, at most 10)
// example: from_id=person:tim-jenness to_id=product:qserv max=6
// @dialect falkordb
OPTIONAL MATCH (a1:Person {id: $from_id})
OPTIONAL MATCH (a2:Role {id: $from_id})
OPTIONAL MATCH (a3:Team {id: $from_id})
OPTIONAL MATCH (a4:Product {id: $from_id})
OPTIONAL MATCH (a5:Facility {id: $from_id})
OPTIONAL MATCH (a6:Milestone {id: $from_id})
OPTIONAL MATCH (a7:Institution {id: $from_id})
WITH coalesce(a1, a2, a3, a4, a5, a6, a7) AS a
OPTIONAL MATCH (b1:Person {id: $to_id})
OPTIONAL MATCH (b2:Role {id: $to_id})
OPTIONAL MATCH (b3:Team {id: $to_id})
OPTIONAL MATCH (b4:Product {id: $to_id})
OPTIONAL MATCH (b5:Facility {id: $to_id})
OPTIONAL MATCH (b6:Milestone {id: $to_id})
OPTIONAL MATCH (b7:Institution {id: $to_id})
WITH a, coalesce(b1, b2, b3, b4, b5, b6, b7) AS b
WHERE a IS NOT NULL AND b IS NOT NULL
CALL algo.SPpaths({sourceNode: a, targetNode: b, relDirection: 'both', maxLen: $max, pathCount: 1})
YIELD path
RETURN [n IN nodes(path) | {id: n.id, label: labels(n)[0], name: n.name}] AS nodes,
       [r IN relationships(path) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                                    sources: r.sources}] AS hops
// @dialect neo4j
OPTIONAL MATCH (a1:Person {id: $from_id})
OPTIONAL MATCH (a2:Role {id: $from_id})
OPTIONAL MATCH (a3:Team {id: $from_id})
OPTIONAL MATCH (a4:Product {id: $from_id})
OPTIONAL MATCH (a5:Facility {id: $from_id})
OPTIONAL MATCH (a6:Milestone {id: $from_id})
OPTIONAL MATCH (a7:Institution {id: $from_id})
WITH coalesce(a1, a2, a3, a4, a5, a6, a7) AS a
OPTIONAL MATCH (b1:Person {id: $to_id})
OPTIONAL MATCH (b2:Role {id: $to_id})
OPTIONAL MATCH (b3:Team {id: $to_id})
OPTIONAL MATCH (b4:Product {id: $to_id})
OPTIONAL MATCH (b5:Facility {id: $to_id})
OPTIONAL MATCH (b6:Milestone {id: $to_id})
OPTIONAL MATCH (b7:Institution {id: $to_id})
WITH a, coalesce(b1, b2, b3, b4, b5, b6, b7) AS b
WHERE a IS NOT NULL AND b IS NOT NULL
MATCH path = shortestPath((a)-[*..10]-(b))
WHERE length(path) <= $max
RETURN [n IN nodes(path) | {id: n.id, label: labels(n)[0], name: n.name}] AS nodes,
       [r IN relationships(path) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                                    sources: r.sources}] AS hops
