"""NAV and income history: recording a day, the kind-specific fields and figures it moves,
and the all-or-nothing CSV import of ``robo products import-history``."""

from __future__ import annotations

import math
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from products.kinds import ProductKind
from products.models import AuditEntry, IncomePoint, NavPoint
from tests.conftest import DEFAULT_NOW, PASSWORD
from tests.ids import product_gid
from tests.products.conftest import nav_points
from tests.products.gqlops import RECORD_INCOME, RECORD_NAV

PRODUCT = """query($id: ID!) { product(id: $id) { latestNav latestNavDate incomePer10kUnits incomeDate sevenDayAnnualizedYield
  figures { asOf expectedAnnualReturn }
  navHistory(first: 3) { nodes { date nav } pageInfo { hasNextPage endCursor } }
  incomeHistory(first: 3) { nodes { date incomePer10kUnits } } } }"""


def next_day(clock, client) -> None:
    """Move the clock a day on, past that day's 15:00 close (and sign in again: access tokens
    live 15 minutes)."""
    clock.advance(days=1, hours=6)
    client.sign_in("pm1@example.com", PASSWORD)


def test_recording_a_nav_moves_the_latest_nav_history_and_figures(catalogue, as_pm1, clock):
    product_id = product_gid(catalogue.ready(ProductKind.EQUITY_FUND))
    before = as_pm1.data(PRODUCT, {"id": product_gid(product_id)})["product"]
    next_day(clock, as_pm1)
    tomorrow = str(clock.today())
    payload = as_pm1.data(RECORD_NAV, {"i": {"productId": product_gid(product_id), "date": tomorrow, "nav": "1.5000"}})[
        "recordNav"
    ]
    assert payload["userErrors"] == []
    after = as_pm1.data(PRODUCT, {"id": product_gid(product_id)})["product"]
    assert (after["latestNav"], after["latestNavDate"]) == ("1.5000", tomorrow)
    assert after["navHistory"]["nodes"][0] == {"date": tomorrow, "nav": "1.5000"}
    assert after["navHistory"]["nodes"][1] == before["navHistory"]["nodes"][0]
    assert after["figures"]["asOf"] == tomorrow
    assert Decimal(after["figures"]["expectedAnnualReturn"]) > Decimal(before["figures"]["expectedAnnualReturn"])
    assert after["incomeHistory"]["nodes"] == [] and after["incomePer10kUnits"] is None


def test_a_nav_is_recorded_once_its_days_close_has_passed(catalogue, as_pm1, clock):
    product_id = product_gid(catalogue.create(ProductKind.EQUITY_FUND))
    data = {"productId": product_gid(product_id), "date": str(clock.today()), "nav": "1.2000"}  # Thursday 10:00
    early = as_pm1.data(RECORD_NAV, {"i": data})["recordNav"]
    assert [(e["code"], e["field"]) for e in early["userErrors"]] == [("NAV_NOT_YET_KNOWN", "date")]
    clock.advance(hours=5, minutes=1)  # 15:01
    as_pm1.sign_in("pm1@example.com", PASSWORD)
    assert as_pm1.data(RECORD_NAV, {"i": data})["recordNav"]["userErrors"] == []
    saturday = {**data, "date": str(clock.today() + timedelta(days=2))}
    clock.advance(days=2)
    as_pm1.sign_in("pm1@example.com", PASSWORD)
    closed = as_pm1.data(RECORD_NAV, {"i": saturday})["recordNav"]
    assert [(e["code"], e["field"]) for e in closed["userErrors"]] == [("NOT_A_TRADING_DAY", "date")]


def test_a_day_is_recorded_once(db, catalogue, as_pm1, clock):
    product_id = product_gid(catalogue.create(ProductKind.EQUITY_FUND))
    data = {"productId": product_gid(product_id), "date": str(clock.today() - timedelta(days=1)), "nav": "1.2000"}
    assert as_pm1.data(RECORD_NAV, {"i": data})["recordNav"]["userErrors"] == []
    assert as_pm1.data(RECORD_NAV, {"i": {**data, "nav": "1.20"}})["recordNav"]["userErrors"] == []  # same value
    changed = as_pm1.data(RECORD_NAV, {"i": {**data, "nav": "1.2100"}})["recordNav"]
    assert [(e["code"], e["field"]) for e in changed["userErrors"]] == [("DUPLICATE_DATE", "date")]
    with db.read() as session:
        assert session.scalar(select(NavPoint.nav)) == Decimal("1.2000")
        assert (
            session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "NAV_RECORDED")) == 1
        )


def test_the_pinned_clock_decides_what_is_the_future(catalogue, as_pm1, clock):
    product_id = product_gid(catalogue.create(ProductKind.EQUITY_FUND))
    tomorrow = str(clock.today() + timedelta(days=1))
    refused = as_pm1.data(RECORD_NAV, {"i": {"productId": product_gid(product_id), "date": tomorrow, "nav": "1.1"}})[
        "recordNav"
    ]
    assert refused["userErrors"][0]["code"] == "DATE_IN_FUTURE"
    next_day(clock, as_pm1)
    assert (
        as_pm1.data(RECORD_NAV, {"i": {"productId": product_gid(product_id), "date": tomorrow, "nav": "1.1"}})[
            "recordNav"
        ]["userErrors"]
        == []
    )


def test_a_money_fund_shows_its_latest_income_and_seven_day_yield(catalogue, as_pm1, clock):
    product_id = product_gid(catalogue.create(ProductKind.MONEY_FUND))
    incomes = ["0.4512", "0.4498", "0.4601", "0.4477", "0.4523", "1.3500", "0.4488", "0.5000"]
    start = clock.today() - timedelta(days=len(incomes) - 1)
    for offset, income in enumerate(incomes):
        day = str(start + timedelta(days=offset))
        payload = as_pm1.data(
            RECORD_INCOME, {"i": {"productId": product_gid(product_id), "date": day, "incomePer10kUnits": income}}
        )
        assert payload["recordMoneyFundIncome"]["userErrors"] == []
    product = as_pm1.data(PRODUCT, {"id": product_gid(product_id)})["product"]
    assert (product["incomePer10kUnits"], product["incomeDate"]) == ("0.5000", str(clock.today()))
    last_week = [float(value) for value in incomes[-7:]]
    expected = math.prod(1 + r / 10_000 for r in last_week) ** (365 / 7) - 1
    assert float(product["sevenDayAnnualizedYield"]) == pytest.approx(expected, abs=5e-7)
    assert product["latestNav"] == "1.0000"
    assert [n["incomePer10kUnits"] for n in product["incomeHistory"]["nodes"]] == ["0.5000", "0.4488", "1.3500"]


EXTREME = """query($id: ID!) { product(id: $id) { sevenDayAnnualizedYield
  figures(amount: "10000") { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount } }
                             maxDrawdown } } }"""


PENDING_INCOME = "{ incomeFigureRequests { id status date } }"
APPROVE_INCOME = """mutation($i: DecideIncomeFigureInput!) { approveIncomeFigure(input: $i) {
  incomeRequest { status } userErrors { code field } } }"""


def test_extreme_incomes_are_refused_when_impossible_and_shown_honestly_when_not(catalogue, as_pm1, as_pm2, clock):
    product_id = product_gid(catalogue.create(ProductKind.MONEY_FUND))
    start = clock.today() - timedelta(days=9)

    def record(offset: int, value: str) -> dict:
        day = str(start + timedelta(days=offset))
        answer = as_pm1.data(
            RECORD_INCOME, {"i": {"productId": product_gid(product_id), "date": day, "incomePer10kUnits": value}}
        )["recordMoneyFundIncome"]
        if answer["userErrors"] or not (Decimal(value) < 0 or Decimal(value) > 3):
            return answer
        # an unusual figure waits for a second product manager
        request = as_pm1.data(PENDING_INCOME)["incomeFigureRequests"][0]
        assert request["status"] == "PENDING" and request["date"] == day
        approved = as_pm2.data(APPROVE_INCOME, {"i": {"requestId": request["id"]}})["approveIncomeFigure"]
        assert approved == {"incomeRequest": {"status": "APPROVED"}, "userErrors": []}
        return answer

    for impossible in ("-10000", "-10000.0000", "10000"):  # a unit worth nothing, or doubling in a day
        assert [(e["code"], e["field"]) for e in record(0, impossible)["userErrors"]] == [
            ("INVALID_INCOME", "incomePer10kUnits")
        ]
    for offset in range(7):
        assert record(offset, "0.5000")["userErrors"] == []
    assert record(7, "-9999.0000")["userErrors"] == []  # lost 99.99% in a day: possible, and shown
    figures = as_pm1.data(EXTREME, {"id": product_gid(product_id)})["product"]["figures"]
    assert Decimal(figures["badYearLoss"]["fraction"]) > Decimal("0.99")
    assert Decimal("9900") < Decimal(figures["badYearLoss"]["amount"]["amount"]) <= Decimal("10000")
    assert Decimal(figures["expectedAnnualReturn"]) < Decimal("-0.99")
    assert Decimal(figures["maxDrawdown"]) == Decimal("0.9999")
    assert record(8, "9999.9999")["userErrors"] == []  # and back up: still finite figures
    product = as_pm1.data(EXTREME, {"id": product_gid(product_id)})["product"]
    assert Decimal("-1") <= Decimal(product["sevenDayAnnualizedYield"]) <= Decimal("10")
    low, high = (Decimal(product["figures"]["typicalRange"][k]) for k in ("low", "high"))
    assert Decimal("-1") <= low <= high <= Decimal("10")


def test_nav_history_pages_back_in_time(catalogue, as_pm1):
    product_id = product_gid(catalogue.ready(ProductKind.EQUITY_FUND))
    query = "query($id: ID!, $after: String) { product(id: $id) { navHistory(first: 100, after: $after) { nodes { date } pageInfo { hasNextPage endCursor } } } }"
    days, after = [], None
    while True:
        page = as_pm1.data(query, {"id": product_gid(product_id), "after": after})["product"]["navHistory"]
        days += [node["date"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert days == sorted(days, reverse=True) and len(days) == len(set(days))
    assert len(days) == len(nav_points(400, end=DEFAULT_NOW.date() - timedelta(days=1)))


# --- robo products import-history ---------------------------------------------------------


def points(db) -> dict:
    with db.read() as session:
        return {
            "navs": session.execute(select(NavPoint.product_id, NavPoint.date, NavPoint.nav)).all(),
            "incomes": session.execute(
                select(IncomePoint.product_id, IncomePoint.date, IncomePoint.income_per_10k)
            ).all(),
        }


def write(tmp_path, text: str):
    path = tmp_path / "history.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_file_loads_every_line_and_says_what_it_loaded(db, robo, catalogue, tmp_path):
    equity = catalogue.code_of(catalogue.create(ProductKind.EQUITY_FUND))
    money = catalogue.code_of(catalogue.create(ProductKind.MONEY_FUND))
    lines = ["product_code,date,value"]
    lines += [f"{equity},2026-11-{day:02d},1.{day:04d}" for day in range(2, 26) if day not in (7, 8, 14, 15, 21, 22)]
    lines += [f"{money.lower()},2026-11-{day:02d},0.{5000 + day}" for day in range(1, 27)]
    path = write(tmp_path, "\n".join(lines) + "\n")

    result = robo("products", "import-history", path, "--as", "pm1@example.com")
    assert result.exit_code == 0, result.output
    assert "Loaded 44 point(s)" in result.output
    loaded = points(db)
    assert len(loaded["navs"]) == 18 and len(loaded["incomes"]) == 26
    with db.read() as session:
        entries = session.execute(select(AuditEntry.actor_label).where(AuditEntry.action == "HISTORY_IMPORTED")).all()
    assert [entry.actor_label for entry in entries] == ["pm1@example.com", "pm1@example.com"]

    again = robo("products", "import-history", path)
    assert again.exit_code == 0, again.output
    assert "Loaded 0 point(s)" in again.output and "44 already stored" in again.output
    assert points(db) == loaded


def test_a_bad_file_is_rejected_whole_with_every_line_error(db, robo, catalogue, tmp_path):
    equity = catalogue.code_of(catalogue.create(ProductKind.EQUITY_FUND))
    loan = catalogue.code_of(catalogue.create(ProductKind.P2P_LOAN))
    catalogue.load_history(equity, [(DEFAULT_NOW.date() - timedelta(days=10), Decimal("1.1000"))])
    before = points(db)
    path = write(
        tmp_path,
        "\n".join(
            [
                "product_code,date,nav",
                f"{equity},2026-11-02,1.0100",  # 2: fine on its own
                f"{equity},2026-13-01,1.0100",  # 3: bad date
                f"{equity},2026-11-03,0",  # 4: NAV <= 0
                f"{equity},2026-11-04,-1.2",  # 5: NAV <= 0
                f"{equity},2026-11-27,1.0100",  # 6: in the future
                "NOPE,2026-11-05,1.0100",  # 7: unknown product
                f"{equity},2026-11-02,1.0200",  # 8: same day as line 2, other value
                f"{equity},2026-11-16,1.2000",  # 9: differs from the stored 1.1000
                f"{loan},2026-11-05,1.0000",  # 10: a loan has no NAV
                f"{equity},2026-11-06,abc",  # 11: not a number
            ]
        )
        + "\n",
    )

    result = robo("products", "import-history", path)
    assert result.exit_code == 1
    reported = set(re.findall(r"│\s*(\d+)\s*│\s*(\w+)\s*│", result.output))
    assert reported == {
        ("3", "date"),
        ("4", "value"),
        ("5", "value"),
        ("6", "date"),
        ("7", "product_code"),
        ("8", "date"),
        ("9", "value"),
        ("10", "product_code"),
        ("11", "value"),
    }
    for message in (
        "Bad date",
        "above 0",
        "future",
        "Unknown product NOPE",
        "line 2",
        "already has 1.1000",
        "no NAV or income history",
        "nothing was loaded",
    ):
        assert message in result.output, message
    assert points(db) == before


def test_the_header_names_the_kind_of_history(db, robo, catalogue, tmp_path):
    money = catalogue.code_of(catalogue.create(ProductKind.MONEY_FUND))
    result = robo("products", "import-history", write(tmp_path, f"product_code,date,nav\n{money},2026-11-20,1.0000\n"))
    assert result.exit_code == 1 and "money fund" in result.output
    result = robo("products", "import-history", write(tmp_path, "code,day,price\nX,2026-11-20,1\n"))
    assert result.exit_code == 1 and "header" in result.output
    result = robo("products", "import-history", write(tmp_path, f"product_code,date,value\n{money},2026-11-20\n"))
    assert result.exit_code == 1 and "Expected 3 columns" in result.output
    assert points(db) == {"navs": [], "incomes": []}
