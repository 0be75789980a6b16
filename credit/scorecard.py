"""``Scorecard``: a credit scorecard as credit-risk practice builds one, behind a small
contract of ours.

    card = Scorecard().fit(X, y)        # X: pandas DataFrame (numeric and categorical), y: 0/1, 1 = default
    card.predict_proba(X)               # numpy array of default probabilities
    card.score(X)                       # points (higher: safer)
    card.points_                        # the points table (variable, bin, WoE, points)
    card.reasons(X, top=4)              # per row, the features that lowered its score most

Fitting uses optbinning (a maintained library for exactly this): each feature is binned
optimally, numeric ones with a monotonic trend where the risk is monotonic
(``auto_asc_desc``), bins become weights of evidence, a logistic regression weighs them, and
points are scaled so that ``base_points`` stand for odds of ``base_odds`` (good:bad) and every
``pdo`` points double the odds. The fitted card is then plain data (``to_dict``/``from_dict``):
scoring a stored model needs neither optbinning nor pickles, and reads the same points table
a person can audit.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

SPECIAL, MISSING = "Special", "Missing"


class Scorecard:
    """Parameters in ``__init__``; ``fit`` sets ``points_`` and the bins; see the module."""

    def __init__(
        self,
        *,
        pdo: float = 40.0,
        base_points: float = 600.0,
        base_odds: float = 50.0,
        monotonic: bool = True,
        max_n_bins: int = 6,
        C: float = 1.0,
    ) -> None:
        self.pdo = pdo
        self.base_points = base_points
        self.base_odds = base_odds
        self.monotonic = monotonic
        self.max_n_bins = max_n_bins
        self.C = C
        self.variables_: list[dict[str, Any]] = []

    # --- fitting ------------------------------------------------------------------------

    def fit(self, X: pd.DataFrame, y: Any) -> Scorecard:
        from optbinning import BinningProcess
        from optbinning import Scorecard as OptScorecard
        from sklearn.linear_model import LogisticRegression

        X = pd.DataFrame(X).copy()
        target = np.asarray(y, dtype=int)
        categorical = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
        for column in categorical:
            X[column] = X[column].astype(str)
        fit_params = {
            column: {"monotonic_trend": "auto_asc_desc" if self.monotonic else "auto", "max_n_bins": self.max_n_bins}
            for column in X.columns
            if column not in categorical
        }
        process = BinningProcess(
            list(X.columns), categorical_variables=categorical, binning_fit_params=fit_params, min_prebin_size=0.02
        )
        card = OptScorecard(
            binning_process=process,
            estimator=LogisticRegression(C=self.C, max_iter=1000),
            scaling_method="pdo_odds",
            scaling_method_params={"pdo": self.pdo, "odds": self.base_odds, "scorecard_points": self.base_points},
        )
        with warnings.catch_warnings():  # optbinning's own pandas deprecation notices
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            card.fit(X, target)
            table = card.table(style="detailed")
        fitted = card.binning_process_
        self.variables_ = []
        for column in X.columns:
            rows = table[table["Variable"] == column]
            if rows.empty:
                continue  # not selected by the binning process (no information)
            binned = fitted.get_binned_variable(column)
            points = [float(p) for p in rows["Points"]]
            woe = [float(w) for w in rows["WoE"]]
            labels = [str(b) for b in rows["Bin"]]
            entry: dict[str, Any] = {"name": column, "points": points, "woe": woe, "labels": labels}
            if column in categorical:
                entry["kind"] = "categorical"
                entry["categories"] = [[str(c) for c in group] for group in binned.splits]
            else:
                entry["kind"] = "numerical"
                entry["splits"] = [float(s) for s in binned.splits]
            self.variables_.append(entry)
        return self

    # --- the fitted card as data --------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "pdo": self.pdo,
            "base_points": self.base_points,
            "base_odds": self.base_odds,
            "variables": self.variables_,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        card = cls(pdo=data["pdo"], base_points=data["base_points"], base_odds=data["base_odds"])
        card.variables_ = data["variables"]
        return card

    @property
    def points_(self) -> pd.DataFrame:
        rows = []
        for variable in self.variables_:
            for label, woe, points in zip(variable["labels"], variable["woe"], variable["points"]):
                rows.append({"variable": variable["name"], "bin": label, "woe": woe, "points": points})
        return pd.DataFrame(rows, columns=["variable", "bin", "woe", "points"])

    @property
    def features_(self) -> list[str]:
        return [variable["name"] for variable in self.variables_]

    # --- scoring ------------------------------------------------------------------------

    def _bin_index(self, variable: dict[str, Any], values: pd.Series) -> np.ndarray:
        n_bins = len(variable["points"]) - 2  # then Special, Missing
        missing = n_bins + 1
        if variable["kind"] == "numerical":
            numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
            index = np.searchsorted(np.asarray(variable["splits"], dtype=float), numbers, side="right")
            return np.where(np.isnan(numbers), missing, index)
        lookup = {category: i for i, group in enumerate(variable["categories"]) for category in group}
        return np.array([lookup.get(str(v), missing) if v is not None else missing for v in values], dtype=int)

    def variable_points(self, X: pd.DataFrame) -> pd.DataFrame:
        """Each row's points per variable."""
        self._check_fitted()
        out = {}
        for variable in self.variables_:
            column = X[variable["name"]] if variable["name"] in X else pd.Series([np.nan] * len(X))
            out[variable["name"]] = np.asarray(variable["points"], dtype=float)[self._bin_index(variable, column)]
        return pd.DataFrame(out, index=X.index)

    def score(self, X: pd.DataFrame) -> np.ndarray:
        return self.variable_points(X).sum(axis=1).to_numpy(dtype=float)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Probability of default of each row, from its points: log-odds (good:bad) are
        ``ln(base_odds) + (score - base_points) * ln 2 / pdo``."""
        return pd_of_score(self.score(X), pdo=self.pdo, base_points=self.base_points, base_odds=self.base_odds)

    def reasons(self, X: pd.DataFrame, top: int = 4) -> list[list[str]]:
        """Per row, up to ``top`` features that lowered its score most: the largest gaps
        between the best points the feature can give and the row's points (none when the
        row already has the best)."""
        points = self.variable_points(X)
        best = {variable["name"]: max(variable["points"]) for variable in self.variables_}
        gaps = pd.DataFrame({name: best[name] - points[name] for name in points.columns}, index=X.index)
        result = []
        for _, row in gaps.iterrows():
            ordered = row[row > 1e-9].sort_values(ascending=False)
            result.append([str(name) for name in ordered.index[:top]])
        return result

    def _check_fitted(self) -> None:
        if not self.variables_:
            raise ValueError("this Scorecard is not fitted: call fit(X, y) first")


def pd_of_score(score: Any, *, pdo: float, base_points: float, base_odds: float) -> np.ndarray:
    log_odds_good = math.log(base_odds) + (np.asarray(score, dtype=float) - base_points) * math.log(2) / pdo
    return 1.0 / (1.0 + np.exp(log_odds_good))
