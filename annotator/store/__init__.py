"""SQLite storage: one file per project. Imports core only."""
