// name: find_entity
// description: Entities whose id, name or any alias equals the reference (case-insensitive), optionally of one label.
// internal: true
// param: ref: str -- an id, a name or an alias
// param: label: str = -- restrict to this label (Person, Product, ...)
// example: ref=Butler label=Product
MATCH (n)
WHERE ($label IS NULL OR $label = '' OR $label IN labels(n))
  AND (n.id = $ref OR toLower(n.name) = toLower($ref)
       OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = toLower($ref)))
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.aliases AS aliases
ORDER BY id
