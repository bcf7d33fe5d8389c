// name: counts_by_type
// description: How many relationships of each type the graph holds (types with none left out). FalkorDB reads them from its own statistics (constant time; a typed count projected beside a name scans every edge), Neo4j from its count store (one typed count per type of the model).
// @dialect falkordb
CALL db.meta.stats() YIELD relTypes
UNWIND keys(relTypes) AS type
WITH type, relTypes[type] AS count
WHERE count > 0
RETURN type, count
ORDER BY type
// @dialect neo4j
MATCH ()-[e:AFFILIATED_WITH]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'AFFILIATED_WITH' AS type, count
UNION ALL
MATCH ()-[e:DEPENDS_ON]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'DEPENDS_ON' AS type, count
UNION ALL
MATCH ()-[e:HOLDS]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'HOLDS' AS type, count
UNION ALL
MATCH ()-[e:HOSTS]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'HOSTS' AS type, count
UNION ALL
MATCH ()-[e:LEADS]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'LEADS' AS type, count
UNION ALL
MATCH ()-[e:LOCATED_AT]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'LOCATED_AT' AS type, count
UNION ALL
MATCH ()-[e:MANAGES]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'MANAGES' AS type, count
UNION ALL
MATCH ()-[e:MEMBER_OF]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'MEMBER_OF' AS type, count
UNION ALL
MATCH ()-[e:OWNS]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'OWNS' AS type, count
UNION ALL
MATCH ()-[e:PART_OF]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'PART_OF' AS type, count
UNION ALL
MATCH ()-[e:REPORTS_TO]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'REPORTS_TO' AS type, count
UNION ALL
MATCH ()-[e:RESPONSIBLE_FOR]->()
WITH count(e) AS count
WHERE count > 0
RETURN 'RESPONSIBLE_FOR' AS type, count
