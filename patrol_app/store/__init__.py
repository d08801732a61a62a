"""The local SQLite store: schema, migrations and queries. The only place with SQL in the app."""

from patrol_app.store.database import Store, open_store
from patrol_app.store.errors import EnvironmentFault, StoreError

__all__ = ["EnvironmentFault", "Store", "StoreError", "open_store"]
