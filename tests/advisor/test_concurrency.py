"""Compiled problems hold one user's numbers while they solve, so they are never shared: users
solving at the same time on one platform model (more threads than compiled problems) each
get exactly their own optimum, as if they had been alone."""

from __future__ import annotations

import random
import threading
from decimal import Decimal

from advisor.advice import advise
from advisor.eligibility import AdviceRequest
from advisor.platform import PlatformModel
from questionnaire.suitability import Decision, check
from tests.advisor.platforms import CALENDAR, TODAY, profile, synthetic_model

USERS = [
    (profile("C1", user_id=1, need="0"), "20000"),
    (profile("C2", user_id=2, need="5000"), "50000"),
    (profile("C3", user_id=3, need="0", horizon=12), "80000"),
    (profile("C4", user_id=4, need="0", qualified=True), "400000"),
    (profile("C5", user_id=5, need="20000", qualified=True, horizon=120), "1500000"),
    (profile("C5", user_id=6, need="0", elderly=True), "300000"),
]


def objective(model: PlatformModel, advice) -> float:
    weights = advice.optimum.weights
    return float(model.data.expected @ weights) - advice.terms.limits.risk_aversion * advice.optimum.cvar


def solve(model: PlatformModel, user, amount: str):
    return advise(
        model=model,
        profile=user,
        request=AdviceRequest(amount=Decimal(amount)),
        today=TODAY,
        calendar=CALENDAR,
        locale="en",
        currency="CNY",
    )


def test_users_solving_at_once_never_see_each_others_numbers():
    alone = synthetic_model(40, 77, pool_size=len(USERS))
    expected = {user.user_id: objective(alone, solve(alone, user, amount)) for user, amount in USERS}

    shared = synthetic_model(40, 77, pool_size=2)
    results: list[tuple[int, object, str]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(seed: int) -> None:
        order = USERS * 3
        random.Random(seed).shuffle(order)
        start.wait()
        for user, amount in order:
            try:
                advice = solve(shared, user, amount)
            except BaseException as error:
                with lock:
                    failures.append(error)
                return
            with lock:
                results.append((user.user_id, advice, amount))

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures, failures
    assert len(results) == 8 * 3 * len(USERS)
    assert shared.compiled <= 2
    profiles = {user.user_id: user for user, _ in USERS}
    for user_id, advice, amount in results:
        user = profiles[user_id]
        assert advice.terms.profile is user
        assert abs(objective(shared, advice) - expected[user_id]) <= 1e-7
        assert sum(a.amount.amount for a in advice.allocations) == Decimal(amount)
        for allocation in advice.allocations:
            level, qualified = allocation.product.risk_level, allocation.product.qualified_only
            assert (
                check(profile=user, product_risk_level=level, qualified_investors_only=qualified).decision
                is Decision.ALLOWED
            )
