// name: document_tags
// description: Each loaded document's update tag (changes on every load: the API's caches key on it).
// internal: true
MATCH (d:Document)
RETURN d.name AS name, d.update_tag AS tag
ORDER BY name
