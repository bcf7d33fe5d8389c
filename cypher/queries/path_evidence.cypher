// name: path_evidence
// description: The relationships stored from source to target for given pairs (maps of source and target), with their type, evidence and the two ends' names: the hops of a path found.
// internal: true
// param: hops: list[map] -- pairs as maps {source, target} (a JSON list)
// example: hops=[{"source":"person:tim-jenness","target":"product:butler"}]
UNWIND $hops AS hop
MATCH (a:Person {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Role {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Team {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Product {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Facility {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Milestone {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Institution {id: hop.source})-[e]->(b)
WHERE b.id = hop.target
RETURN hop.source AS source, hop.target AS target, type(e) AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
