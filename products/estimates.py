"""The float summary a numerical model returns for one year of holding, before the
figures are rounded to exact decimals (``products.figures`` does that, once)."""

from __future__ import annotations

from dataclasses import dataclass

Z_10 = -1.2815515655446004  # standard normal 10th percentile
Z_05 = -1.6448536269514722  # 5th percentile (1 year in 20)
Z_025 = -1.959963984540054  # 2.5th percentile (PRIIPs VaR)
MAX_ANNUAL_RETURN = 10  # +1,000%: no figure of a year promises more (a history implying
#                         more extrapolates a short trend; the figures' columns stay bounded)


@dataclass(frozen=True, slots=True)
class Estimate:
    """Fractions of the amount invested (0.041 = 4.1%) over one year, net of fees and of
    expected default losses. ``var_equivalent_volatility`` is the volatility a normal
    log-return would need to have the same 2.5% tail (the PRIIPs idea): it equals the
    volatility for normal returns and captures the skew of default losses."""

    expected_return: float
    low: float  # 10th percentile of the one-year return
    high: float  # 90th percentile
    bad_year_return: float  # 5th percentile: a year this bad or worse comes 1 year in 20
    volatility: float
    var_equivalent_volatility: float
    max_drawdown: float | None = None

    @property
    def bad_year_loss(self) -> float:
        """The one-year loss exceeded only 1 year in 20 (0 when even that year gains)."""
        return max(0.0, -self.bad_year_return)
