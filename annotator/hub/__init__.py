"""The team hub: a shared PostgreSQL database each analyst's project file syncs with (#12).

Sits between services and store: it reads and writes the local project through the store
and talks to PostgreSQL through psycopg (the only package that imports it); no Qt.
"""
