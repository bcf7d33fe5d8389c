// name: health_reporting_cycles
// description: Every reporting line (REPORTS_TO), with evidence: the cycles among them are found in Python (networkx).
MATCH (a)-[e:REPORTS_TO]->(b)
RETURN a.id AS source, labels(a)[0] AS source_label, a.name AS source_name,
       b.id AS target, b.name AS target_name, e.sources AS sources
ORDER BY source, target
