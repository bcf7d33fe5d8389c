// name: diff_edges
// description: Every relationship either document states, with its ends' labels, whether it was inferred, and evidence (for the diff: what changed, and what each document states at all).
// internal: true
// param: from_doc: str -- file name of the earlier document
// param: to_doc: str -- file name of the later document
// example: from_doc=dp0-definition-and-planning.txt to_doc=rtn-046-dm-operations-plan.txt
MATCH (a)-[e]->(b)
WHERE $from_doc IN coalesce(e.documents, []) OR $to_doc IN coalesce(e.documents, [])
RETURN type(e) AS type, a.id AS source, labels(a)[0] AS source_label, a.name AS source_name,
       b.id AS target, labels(b)[0] AS target_label, b.name AS target_name,
       e.confidence AS confidence, e.documents AS documents, e.sources AS sources
ORDER BY type, source, target
