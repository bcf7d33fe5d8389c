// name: facility_links
// description: What a facility hosts, what it is part of or contains, and the roles located at it, with the evidence.
// param: id: ref Facility -- the facility (id, name or alias)
// example: id=facility:usdf
MATCH (f:Facility {id: $id})-[e]-(x)
WHERE type(e) IN ['HOSTS', 'PART_OF', 'LOCATED_AT']
RETURN type(e) AS type, startNode(e).id = f.id AS outgoing, x.id AS id, labels(x)[0] AS label,
       x.name AS name, e.sources AS sources
ORDER BY type, name
