// name: diff_edges
// description: Role holdings, team membership, product managers and owners either document states, with evidence (for the diff).
// internal: true
// param: from_doc: str -- file name of the earlier document
// param: to_doc: str -- file name of the later document
// example: from_doc=dp0-definition-and-planning.txt to_doc=rtn-046-dm-operations-plan.txt
MATCH (a)-[e:HOLDS|MEMBER_OF|MANAGES|OWNS]->(b)
WHERE $from_doc IN coalesce(e.documents, []) OR $to_doc IN coalesce(e.documents, [])
RETURN type(e) AS type, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name,
       e.documents AS documents, e.sources AS sources
ORDER BY type, source, target
