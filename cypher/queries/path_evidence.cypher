// name: path_evidence
// description: The evidence of given relationships (maps of source, target and type), for the hops of a path found.
// internal: true
// param: hops: list[map] -- relationships as maps {source, target, type} (a JSON list)
// example: hops=[{"source":"person:tim-jenness","target":"product:butler","type":"MANAGES"}]
UNWIND $hops AS hop
MATCH (a:Person {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Role {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Team {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Product {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Facility {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Milestone {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
UNION ALL
UNWIND $hops AS hop
MATCH (a:Institution {id: hop.source})-[e]->(b)
WHERE b.id = hop.target AND type(e) = hop.type
RETURN hop.source AS source, hop.target AS target, hop.type AS type, e.sources AS sources,
       a.name AS source_name, b.name AS target_name
