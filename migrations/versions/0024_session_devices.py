"""session devices (hardening, issue 12 item 3): the device a session signed in from, as the
SHA-256 of the client's opaque ``X-Device-Id``, so a sign-in from a device that signed in
before is exempt from the account-wide log-in delay

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_sessions") as batch:
        batch.add_column(sa.Column("device_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("auth_sessions") as batch:
        batch.drop_column("device_key")
