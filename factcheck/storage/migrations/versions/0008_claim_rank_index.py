"""claim indexes for a million claims: the list's order, merged ones only, status per article

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 11:45:00

``claims list`` reads claims highest score first (ties in article order). With one
index in that order the first page of a million-claim ledger is read from the index's
start instead of sorting every claim. ``ix_claim_merged`` now holds only merged claims
(few): the full index on a column that is NULL for nearly every row made SQLite pick it
for ``merged_into IS NULL`` and sort the whole table. ``ix_claim_score`` is the new
index's first column and goes. ``ix_claim_article`` takes the status after the article,
so the per-article status counts of ``stats`` are read from the index alone.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MERGED = sa.text('merged_into IS NOT NULL')


def upgrade() -> None:
    op.drop_index('ix_claim_article', table_name='claim')
    op.create_index('ix_claim_article', 'claim', ['article_id', 'status', 'start'], unique=False)
    op.drop_index('ix_claim_score', table_name='claim')
    op.drop_index('ix_claim_merged', table_name='claim')
    op.create_index('ix_claim_rank', 'claim',
                    [sa.column('score').desc(), 'article_id', 'start', 'id'], unique=False)
    op.create_index('ix_claim_merged', 'claim', ['merged_into'], unique=False,
                    sqlite_where=_MERGED, postgresql_where=_MERGED)


def downgrade() -> None:
    op.drop_index('ix_claim_merged', table_name='claim')
    op.drop_index('ix_claim_rank', table_name='claim')
    op.create_index('ix_claim_merged', 'claim', ['merged_into'], unique=False)
    op.create_index('ix_claim_score', 'claim', ['score'], unique=False)
    op.drop_index('ix_claim_article', table_name='claim')
    op.create_index('ix_claim_article', 'claim', ['article_id', 'start'], unique=False)
