"""trading calendar: the platform's own table of Shanghai exchange closures, seeded from
``exchange_calendars`` for the years it covers; its known range; the operators' import log;
and whether a recommendation's earliest full withdrawal is an estimate

Revision ID: 0008
Revises: 0007

The seed takes every weekday between the library's first and last XSHG session that is not a
session. The library gives no names, so each closure is named from the holiday it falls in
(the library's own lunisolar tables date Spring Festival, Qingming, Dragon Boat and
Mid-Autumn); a closure that matches none is named 休市 Exchange closure. This is the only
place the library is read: at run time the platform reads this table.
"""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
FIRST_DAY = date(2000, 1, 1)  # the calendar starts here: older NAV history has no use on the platform


def upgrade() -> None:
    op.create_table(
        "trading_calendar_imports",
        sa.Column("id", ID, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", ID, nullable=True),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("closures", sa.Integer(), nullable=False),
        sa.Column("closure_list", sa.Text(), nullable=False),
        sa.Column("known_through_before", sa.Date(), nullable=False),
        sa.Column("known_through_after", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_trading_calendar_imports_actor_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trading_calendar_imports")),
    )
    closures = op.create_table(
        "trading_closures",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("import_id", ID, nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["trading_calendar_imports.id"],
                                name=op.f("fk_trading_closures_import_id_trading_calendar_imports"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_trading_closures")),
    )
    op.create_index(op.f("ix_trading_closures_import_id"), "trading_closures", ["import_id"], unique=False)
    state = op.create_table(
        "trading_calendar_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("known_from", sa.Date(), nullable=False),
        sa.Column("known_through", sa.Date(), nullable=False),
        sa.Column("revision", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("warned_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trading_calendar_state")),
    )
    with op.batch_alter_table("advisor_recommendations") as batch:
        batch.add_column(sa.Column("earliest_full_withdrawal_estimated", sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
    seeded, first, last = _library_closures()
    op.bulk_insert(closures, [{"day": day, "name": name, "import_id": None} for day, name in seeded])
    from tradingcalendar.service import revision_of

    op.bulk_insert(state, [{
        "id": 1, "known_from": first, "known_through": last,
        "revision": revision_of(seeded, known_from=first, known_through=last),
        "updated_at": datetime.now(UTC), "warned_on": None,
    }])


def downgrade() -> None:
    with op.batch_alter_table("advisor_recommendations") as batch:
        batch.drop_column("earliest_full_withdrawal_estimated")
    op.drop_table("trading_calendar_state")
    op.drop_index(op.f("ix_trading_closures_import_id"), table_name="trading_closures")
    op.drop_table("trading_closures")
    op.drop_table("trading_calendar_imports")


def _library_closures() -> tuple[list[tuple[date, str]], date, date]:
    with warnings.catch_warnings():  # the library's own pandas deprecations are not ours
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        import exchange_calendars
        from exchange_calendars import lunisolar_holidays as lunar

        xshg = exchange_calendars.get_calendar("XSHG", start=FIRST_DAY.isoformat())
        sessions = {ts.date() for ts in xshg.sessions}
        first, last = FIRST_DAY, xshg.last_session.date()  # weekdays before the first session are closures
        festivals = {
            "春节 Spring Festival": _dates(lunar.chinese_lunar_new_year_dates),
            "清明节 Qingming Festival": _dates(lunar.qingming_festival_dates),
            "端午节 Dragon Boat Festival": _dates(lunar.dragon_boat_festival_dates),
            "中秋节 Mid-Autumn Festival": _dates(lunar.mid_autumn_festival_dates),
        }
    found = []
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in sessions:
            found.append((day, _name(day, festivals)))
        day += timedelta(days=1)
    return found, first, last


def _dates(index) -> dict[int, date]:
    return {ts.year: ts.date() for ts in index}


def _near(day: date, festival: dict[int, date], before: int, after: int) -> bool:
    anchor = festival.get(day.year)
    return anchor is not None and -before <= (day - anchor).days <= after


def _name(day: date, festivals: dict[str, dict[int, date]]) -> str:
    """The holiday a closure belongs to, from its date alone (see the module docstring)."""
    spring, qingming, dragon, autumn = festivals.values()
    national = (day.month == 10 and day.day <= 8) or (day.month == 9 and day.day >= 29)
    moon = autumn.get(day.year)
    if national and moon is not None and date(day.year, 9, 28) <= moon <= date(day.year, 10, 8):
        return "中秋节、国庆节 Mid-Autumn Festival and National Day"
    if national:
        return "国庆节 National Day"
    if _near(day, spring, 10, 16):
        return "春节 Spring Festival"
    if day.month == 1 and day.day <= 4 or day.month == 12 and day.day == 31:
        return "元旦 New Year's Day"
    if _near(day, qingming, 3, 3):
        return "清明节 Qingming Festival"
    if day.month == 5 and day.day <= 7 or day.month == 4 and day.day >= 29:
        return "劳动节 Labour Day"
    if _near(day, dragon, 3, 3):
        return "端午节 Dragon Boat Festival"
    if _near(day, autumn, 3, 3):
        return "中秋节 Mid-Autumn Festival"
    if day in (date(2015, 9, 3), date(2015, 9, 4)):
        return "抗战胜利70周年纪念日 Victory Day (70th anniversary)"
    return "休市 Exchange closure"
