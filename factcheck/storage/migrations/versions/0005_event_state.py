"""events record the state they left behind (audit covers what was decided)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 12:00:00

Existing events keep their hashes (computed without these columns); ``storage.db.upgrade``
appends one baseline event recording the state of every existing record after this.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('state', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_event_article', ['article_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_article')
        batch_op.drop_column('state')
        batch_op.drop_column('article_id')
