// name: counts_by_type
// description: How many relationships of each type the graph holds (one typed count per type of the model: a typed count reads the type's own matrix, an untyped one every edge).
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
