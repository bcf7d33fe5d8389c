// name: viz_node_props
// description: The nodes with the given ids, each id passed under its label (an indexed lookup; an unlabelled one reads every node), with labels and stored properties: what a view draws.
// internal: true
// param: persons: list[str] = -- Person ids
// param: roles: list[str] = -- Role ids
// param: teams: list[str] = -- Team ids
// param: products: list[str] = -- Product ids
// param: facilities: list[str] = -- Facility ids
// param: milestones: list[str] = -- Milestone ids
// param: institutions: list[str] = -- Institution ids
// param: documents: list[str] = -- Document ids
// example: products=product:qserv,product:butler persons=person:tim-jenness
UNWIND $persons AS id
MATCH (n:Person {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $roles AS id
MATCH (n:Role {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $teams AS id
MATCH (n:Team {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $products AS id
MATCH (n:Product {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $facilities AS id
MATCH (n:Facility {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $milestones AS id
MATCH (n:Milestone {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $institutions AS id
MATCH (n:Institution {id: id})
RETURN labels(n) AS labels, properties(n) AS props
UNION ALL
UNWIND $documents AS id
MATCH (n:Document {id: id})
RETURN labels(n) AS labels, properties(n) AS props
