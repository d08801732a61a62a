"""Alembic environment: always run from code (sync.office.db.migrate) on a connection it passes in."""

from alembic import context

from sync.office.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
