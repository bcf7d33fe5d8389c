// name: known_documents
// description: Every loaded document's id, file name and handle (what a document reference matches against).
// internal: true
MATCH (d:Document)
RETURN d.id AS id, d.name AS name, d.handle AS handle, d.aliases AS aliases
ORDER BY id
