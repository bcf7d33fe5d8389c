// name: institution_links
// description: The people affiliated with an institution and the roles located at it, with the evidence.
// param: id: ref Institution -- the institution (id, name or alias)
// example: id=institution:slac
MATCH (i:Institution {id: $id})<-[e]-(x)
WHERE type(e) IN ['AFFILIATED_WITH', 'LOCATED_AT']
RETURN type(e) AS type, x.id AS id, labels(x)[0] AS label, x.name AS name, e.sources AS sources
ORDER BY type, name
