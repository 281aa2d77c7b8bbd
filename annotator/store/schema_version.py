"""The schema version this build writes, kept apart from the migrations so that opening a
current project never imports sqlite-utils (it pulls in pandas when installed: ~0.5 s)."""

SCHEMA_VERSION = 8  # tests/store/test_schema.py checks it equals the number of migrations
