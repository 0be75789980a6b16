"""Copying the ledger's outbox into notifications: on PostgreSQL an event's id is taken before
its transaction commits, so events become visible out of order. Whatever the order and however
often the feed runs, each event is notified exactly once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select

from ledger.models import OutboxEvent
from notifications import service
from notifications.models import Notification, NotificationFeed
from wallet.cash import WITHDRAWAL_COMPLETED

N = 12


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(1, N + 1)), cuts=st.lists(st.integers(1, N), max_size=4))
def test_events_committed_out_of_order_are_each_notified_once(db, clock, make_user, order, cuts):
    if not hasattr(db, "users"):
        db.users = [make_user().id, make_user().id]
    with db.write() as session:
        for table in (Notification, NotificationFeed, OutboxEvent):
            session.execute(delete(table))
    chunks, start = [], 0
    for cut in sorted(set(cuts)) + [N]:
        chunks.append(order[start:cut])
        start = cut
    for chunk in chunks:  # each chunk commits, then the feed runs (twice: nothing more)
        with db.write() as session:
            for event_id in chunk:
                session.execute(
                    insert(OutboxEvent),
                    {
                        "id": event_id,
                        "topic": WITHDRAWAL_COMPLETED,
                        "user_ids": [db.users[event_id % 2]],
                        "created_at": clock.now(),
                    },
                )
        service.catch_up(db, clock)
        service.run_feed(db, clock)
    with db.read() as session:
        notified = session.execute(select(Notification.event_id, Notification.user_id)).all()
        unread = {user: service.unread_count(session=session, user_id=user) for user in db.users}
    assert sorted(notified) == [(event_id, db.users[event_id % 2]) for event_id in range(1, N + 1)]
    assert unread == {db.users[0]: N // 2, db.users[1]: N // 2}


def test_reading_catches_up_and_costs_a_read_when_nothing_is_new(db, clock, make_user):
    user = make_user()
    with db.write() as session:
        session.execute(
            insert(OutboxEvent), {"topic": WITHDRAWAL_COMPLETED, "user_ids": [user.id], "created_at": clock.now()}
        )
    assert service.catch_up(db, clock) == 1
    assert service.catch_up(db, clock) == 0
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Notification)) == 1
