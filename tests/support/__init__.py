"""Support code for the tests: statement recording, the API and CLI walks, the Cypher linter."""
