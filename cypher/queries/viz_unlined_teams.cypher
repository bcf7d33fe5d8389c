// name: viz_unlined_teams
// description: For each of the given teams, its roles that are in no reporting line (neither report to a role nor have reports), each with how many hold it: what the org chart groups below the reporting trees.
// internal: true
// param: teams: list[str] -- team ids
// example: teams=team:square,team:execution
UNWIND $teams AS team
MATCH (r:Role)-[:MEMBER_OF]->(t:Team {id: team})
WITH t, r, size([(r)-[:REPORTS_TO]-(:Role) | 1]) AS lines, size([(r)<-[:HOLDS]-(:Person) | 1]) AS held
WHERE lines = 0
RETURN t.id AS id, t.name AS name, collect({id: r.id, name: r.name, held: held}) AS members
ORDER BY size(members) DESC, id
