"""claims and their appearances, linked claims, the claimant's kind

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 13:00:00

Every existing claim gets its one appearance (where it was found).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimant_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('merged_into', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_claim_merged_into', 'claim', ['merged_into'], ['id'])
        batch_op.create_index('ix_claim_merged', ['merged_into'], unique=False)
    op.create_index('ix_claim_score', 'claim', ['score'], unique=False)
    op.create_table(
        'appearance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('end', sa.Integer(), nullable=False),
        sa.Column('quote', sa.Text(), nullable=False),
        sa.Column('origin_claim_id', sa.Integer(), nullable=True),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['article.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('article_id', 'start', 'end', name='uq_appearance_span'))
    op.create_index('ix_appearance_claim', 'appearance', ['claim_id', 'id'], unique=False)
    op.execute('INSERT INTO appearance (claim_id, article_id, start, "end", quote, '
               'origin_claim_id, added_at) SELECT id, article_id, start, "end", quote, id, '
               'created_at FROM claim ORDER BY id')


def downgrade() -> None:
    op.drop_index('ix_appearance_claim', table_name='appearance')
    op.drop_table('appearance')
    op.drop_index('ix_claim_score', table_name='claim')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_merged')
        batch_op.drop_constraint('fk_claim_merged_into', type_='foreignkey')
        batch_op.drop_column('merged_into')
        batch_op.drop_column('claimant_kind')
