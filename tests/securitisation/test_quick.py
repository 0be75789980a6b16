from securitisation.simulation import NORMAL


def test_debug(world):
    w = world(NORMAL, months=10, merchants=200)
    months = []
    w.run(
        check=lambda m: months.append(
            (
                m.period,
                m.run["status_after"],
                m.run["principal_available"],
                m.run["purchases_count"],
                m.run["purchases"],
                m.run["unspent"],
                m.run["pool_balance"],
                m.run["triggers"],
                w.problems(),
            )
        )
    )
    for m in months:
        print(m)
    assert months
