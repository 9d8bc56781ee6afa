"""claim matching (fact-checks, embeddings, stored matches) and full-text search

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 14:00:00

Search is the database's own: an FTS5 table on SQLite (Porter stemming), a tsvector
column with a GIN index on PostgreSQL (English stemming). Both are filled here for the
claims that exist, and kept in step by the writes that change a claim
(``storage/search.py``).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('match_stage', sa.String(length=8), nullable=True))
        batch_op.create_index('ix_claim_fingerprint', ['fingerprint'], unique=False)
    op.create_table(
        'factcheck',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('external_id', sa.Text(), nullable=True),
        sa.Column('claim', sa.Text(), nullable=False),
        sa.Column('title', sa.Text(), nullable=True),
        sa.Column('rating', sa.Text(), nullable=True),
        sa.Column('rating_value', sa.Float(), nullable=True),
        sa.Column('url', sa.Text(), nullable=True),
        sa.Column('publisher', sa.Text(), nullable=True),
        sa.Column('published', sa.Date(), nullable=True),
        sa.Column('claimant', sa.Text(), nullable=True),
        sa.Column('appearances', sa.Text(), nullable=True),
        sa.Column('source', sa.Text(), nullable=True),
        sa.Column('imported_by', sa.String(), nullable=True),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('figures', sa.Text(), nullable=True),
        sa.Column('embedding', sa.LargeBinary(), nullable=True),
        sa.Column('embedding_model', sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key', name='uq_factcheck_key'))
    op.create_table(
        'claim_embedding',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('model', sa.String(length=64), nullable=False),
        sa.Column('text_hash', sa.String(length=32), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('claim_id'))
    op.create_table(
        'claim_match',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('similarity', sa.Float(), nullable=False),
        sa.Column('lexical', sa.Float(), nullable=True),
        sa.Column('semantic', sa.Float(), nullable=True),
        sa.Column('conflicts', sa.Text(), nullable=True),
        sa.Column('stage', sa.String(length=8), nullable=False),
        sa.Column('matched_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('claim_id', 'kind', 'target_id'))
    op.create_index('ix_claim_match_target', 'claim_match', ['kind', 'target_id'],
                    unique=False)
    from factcheck.storage.search import create_search_table

    create_search_table(op.get_bind())


def downgrade() -> None:
    from factcheck.storage.search import drop_search_table

    drop_search_table(op.get_bind())
    op.drop_index('ix_claim_match_target', table_name='claim_match')
    op.drop_table('claim_match')
    op.drop_table('claim_embedding')
    op.drop_table('factcheck')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_fingerprint')
        batch_op.drop_column('match_stage')
        batch_op.drop_column('fingerprint')
