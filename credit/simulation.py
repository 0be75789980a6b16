"""The simulated merchants the first scorecard is fitted on (the platform has no default
history yet), and the model ``robo simulate merchants`` drives the real services with.

The model (documented, so its figures can be read for what they are):

- every merchant has a hidden quality ``q`` ~ Beta(3, 2) (1: the best);
- typical monthly sales ``m`` = exp(N(8.6 + 1.4 q, 0.5)) CNY (about ¥5,000 to ¥30,000) in
  Poisson(m / 200) orders, at most ``MAX_ORDERS`` (4) a month, the ticket growing instead (so a
  simulation through the real services stays short and sees the same features), a monthly trend of N(0.04 (q - 0.5), 0.01) and a month-to-month noise
  whose coefficient of variation is 0.15 + 0.55 (1 - q);
- each order is refunded with probability 0.01 + 0.10 (1 - q), disputed with 0.003 + 0.03 (1 - q);
  each order comes from a new buyer with probability 0.45 + 0.2 q (otherwise a repeat buyer);
- account age U(3, 60) months; verified identity with probability 0.75 + 0.25 q, a bound card
  0.6 + 0.4 q; a money-fund balance of m x q x U(0, 2); Poisson(1 + 3 q) payments a month as a buyer;
- the probability of defaulting within 12 months on a loan: logistic(-1.6 - 5.5 (q - 0.35)), about
  7% on average; a merchant that defaults first misses a due date, then stops paying.

``synthetic_book(n, seed)`` draws merchants, their 12 months and the 0/1 outcome, and returns
the features exactly as ``credit.features`` computes them from the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from credit.features import MONTHS, frame_from_months

TICKET = 200.0
MAX_ORDERS = 4


@dataclass(frozen=True)
class Merchant:
    quality: float
    monthly_sales: float
    trend: float
    noise: float
    refund_p: float
    dispute_p: float
    new_buyer_p: float
    age_months: int
    verified: bool
    card: bool
    money_fund: float
    buyer_payments: float
    default_p: float


def default_probability(quality: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-(-1.6 - 5.5 * (np.asarray(quality) - 0.35))))


def draw_merchants(n: int, rng: np.random.Generator, qualities: list[float] | None = None) -> list[Merchant]:
    """``n`` merchants; ``qualities`` fixes the hidden quality of the first ones (a demo's)."""
    q = rng.beta(3, 2, n)
    for i, value in enumerate((qualities or [])[:n]):
        q[i] = value
    sales = np.exp(rng.normal(8.6 + 1.4 * q, 0.5))
    return [
        Merchant(
            quality=float(q[i]),
            monthly_sales=float(sales[i]),
            trend=float(rng.normal(0.04 * (q[i] - 0.5), 0.01)),
            noise=float(0.15 + 0.55 * (1 - q[i])),
            refund_p=float(0.01 + 0.10 * (1 - q[i])),
            dispute_p=float(0.003 + 0.03 * (1 - q[i])),
            new_buyer_p=float(0.45 + 0.2 * q[i]),
            age_months=int(rng.integers(3, 61)),
            verified=bool(rng.random() < 0.75 + 0.25 * q[i]),
            card=bool(rng.random() < 0.6 + 0.4 * q[i]),
            money_fund=float(sales[i] * q[i] * rng.uniform(0, 2)),
            buyer_payments=float(1 + 3 * q[i]),
            default_p=float(default_probability(q[i])),
        )
        for i in range(n)
    ]


def orders_in_month(sales: float, rng: np.random.Generator) -> int:
    return int(np.clip(rng.poisson(sales / TICKET), 1, MAX_ORDERS))


def month_sales(merchant: Merchant, months: int, rng: np.random.Generator) -> np.ndarray:
    """Monthly sales (CNY) of ``months`` months, oldest first."""
    shape = 1.0 / merchant.noise**2
    level = merchant.monthly_sales * (1 + merchant.trend) ** np.arange(months)
    return level * rng.gamma(shape, 1.0 / shape, months)


def synthetic_book(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """``(features, defaulted, quality)`` of ``n`` simulated merchants."""
    rng = np.random.default_rng(seed)
    merchants = draw_merchants(n, rng)
    sales = np.zeros((n, MONTHS))
    orders = np.zeros((n, MONTHS))
    refunds = np.zeros((n, MONTHS))
    disputes = np.zeros((n, MONTHS))
    buyers = np.zeros(n)
    for i, m in enumerate(merchants):
        sales[i] = month_sales(m, MONTHS, rng)
        orders[i] = [orders_in_month(v, rng) for v in sales[i]]
        refunds[i] = rng.binomial(orders[i].astype(int), m.refund_p)
        disputes[i] = rng.binomial(orders[i].astype(int), m.dispute_p)
        buyers[i] = max(1, rng.binomial(int(orders[i].sum()), m.new_buyer_p))
    frame = frame_from_months(
        sales=sales,
        orders=orders,
        refunds=refunds,
        disputes=disputes,
        buyers=buyers,
        age_months=np.array([m.age_months for m in merchants], dtype=float),
        verified=np.array([m.verified for m in merchants], dtype=float),
        card=np.array([m.card for m in merchants], dtype=float),
        money_fund=np.array([m.money_fund for m in merchants]),
        buyer_payments=np.array([rng.poisson(m.buyer_payments * MONTHS) for m in merchants], dtype=float),
        max_dpd=np.zeros(n),
        early_repayments=np.zeros(n),
    )
    defaulted = (rng.random(n) < np.array([m.default_p for m in merchants])).astype(int)
    return frame, defaulted, np.array([m.quality for m in merchants])
