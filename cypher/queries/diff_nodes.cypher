// name: diff_nodes
// description: People, roles, teams and products either document states, with per-document evidence (for the diff).
// internal: true
// param: from_doc: str -- file name of the earlier document
// param: to_doc: str -- file name of the later document
// example: from_doc=dp0-definition-and-planning.txt to_doc=rtn-046-dm-operations-plan.txt
MATCH (n)
WHERE (n:Person OR n:Role OR n:Team OR n:Product)
  AND ($from_doc IN coalesce(n.documents, []) OR $to_doc IN coalesce(n.documents, []))
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.documents AS documents,
       n.wbs AS wbs, n.wbs_src AS wbs_src, n.sources AS sources
ORDER BY id
