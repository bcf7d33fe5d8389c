// name: team_links
// description: A team's lead, milestones and parent or sub-teams, with the evidence.
// param: id: ref Team -- the team (id, name or alias)
// example: id=team:science-user-middleware
MATCH (t:Team {id: $id})-[e]-(x)
WHERE type(e) IN ['LEADS', 'RESPONSIBLE_FOR', 'PART_OF']
RETURN type(e) AS type, startNode(e).id = t.id AS outgoing, x.id AS id, labels(x)[0] AS label,
       x.name AS name, x.due AS due, e.sources AS sources
ORDER BY type, due, name
