// name: merge_log
// description: The nodes whose names the loaders merged, each with its merge records per document (rule, names, reason, evidence).
// param: label: str = -- only nodes of this label (Person, Product, ...)
// example: label=Person
MATCH (n)
WHERE size(coalesce(n.merges_src, [])) > 0 AND ($label = '' OR $label IN labels(n))
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.merges_src AS entries
ORDER BY id
