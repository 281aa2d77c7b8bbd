"""Where a project file keeps its hub: the settings keys, readable without psycopg.

The main window asks on every project open whether the project has joined a hub; that
answer must not cost importing the PostgreSQL driver (~150 ms of start-up), which only a
sync needs.
"""

from __future__ import annotations

from annotator.store.project_store import ProjectStore

URL_KEY = "hub_url"  # the hub's address as given (parse() refuses one with a password)
CURSOR_KEY = "hub_cursor"
VIEW_KEY = "hub_view"
CLIENT_KEY = "hub_client"
LAST_SYNC_KEY = "hub_last_sync"
USER_KEY = "hub_user"
ROLE_KEY = "hub_role"


def remembered_url(store: ProjectStore) -> str:
    return store.settings.get(URL_KEY)
