"""check-worthiness model versions trained by the desk

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 22:36:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('model_version',
                    sa.Column('version', sa.String(length=64), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('created_by', sa.String(), nullable=True),
                    sa.Column('meta', sa.Text(), nullable=False),
                    sa.Column('data', sa.LargeBinary(), nullable=False),
                    sa.PrimaryKeyConstraint('version'))


def downgrade() -> None:
    op.drop_table('model_version')
