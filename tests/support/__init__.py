"""Support code for the tests: documents built by real tools, statement recording, the API
and CLI walks, the Cypher linter, the interfaces compared, shared fixture data."""
