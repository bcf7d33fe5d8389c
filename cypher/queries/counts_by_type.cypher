// name: counts_by_type
// description: How many relationships of each type the graph holds.
MATCH ()-[e]->()
RETURN type(e) AS type, count(e) AS count
ORDER BY type
