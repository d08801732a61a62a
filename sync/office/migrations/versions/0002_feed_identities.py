"""What flows down to devices (the feed) and whom each device acts for (identities).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("identities", sa.Text, nullable=False, server_default="{}"))
    op.create_table(
        "feed",
        sa.Column("position", ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("audience", sa.String(300), nullable=False),
        sa.Column("published_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("kind", "uuid", "version", "audience", name="feed_once"),
    )
    op.create_index("feed_audience", "feed", ["audience", "position"])
    op.create_index("feed_record", "feed", ["kind", "uuid"])


def downgrade() -> None:
    op.drop_table("feed")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("identities")
