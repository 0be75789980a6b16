"""The platform's model of one catalogue version and its optimiser.

``PlatformData`` is the catalogue as the optimiser sees it: the joint scenarios, expected
returns (net of fees and expected losses) and which products are money funds, illiquid or
P2P. ``PlatformModel`` owns a small pool of masters (``HighsMaster``: the restricted master
loaded once into HiGHS, with the cvxpy ``RestrictedMaster`` as its second solver; one solve
at a time each: a request checks one out, solves, and puts it back), so concurrent users
never share a model's numbers; a request prefers the master that last served its risk
category, whose basis and working set fit it best.

``optimise`` solves one user's problem exactly by row and column generation on a master
loaded once: the master holds a working set of up to ``ROW_SLOTS`` scenarios and
``COLUMN_SLOTS`` products. After each solve, the scenarios whose loss exceeds the solution's
value-at-risk join the rows (the worst ``MAX_ENTERING_ROWS`` per round; until they are in,
the master under-counts the tail), and the eligible products whose reduced cost is positive
(the master's multipliers say they would raise the objective) join the columns. When
neither is left, the solution is optimal for the full problem over all scenarios and
products. Working sets stay with the master between
users, so a warm solve usually needs one or two rounds; slots keep their places (an entering
item takes a free slot or one whose item is out of use), so the solver's basis stays useful.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import numpy as np

from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.highs_master import HighsMaster
from advisor.limits import CVAR_LEVEL
from advisor.master import ARTIFICIAL, ARTIFICIAL_PENALTY, MasterInputs, MasterSolution
from advisor.risk_models import portfolio_cvar
from advisor.solving import SolveReport
from advisor.weights import WeightsOutsideBounds, clean_weights
from core.calendar import TradingCalendar
from core.errors import Text, t
from core.money import Money
from products.joint_scenarios import ScenarioSet
from products.kinds import LiquidityKind, ProductKind
from products.liquidity import liquidity_of

log = logging.getLogger(__name__)

ROW_SLOTS = 400
COLUMN_SLOTS = 96
POOL_SIZE = 6  # compiled masters per model (per process): one per category and a spare
MAX_ROUNDS = 200
ROW_TOLERANCE = 1e-9  # a scenario loss this far above the value-at-risk joins the rows
COLUMN_TOLERANCE = 1e-7  # a reduced cost above this brings a product in
ARTIFICIAL_TOLERANCE = 1e-7
MAX_ENTERING_COLUMNS = 24  # per round
# Per round, the worst first. Entering every violated scenario at once replaced most of the
# working set after a change of user (hundreds of rows: the restricted value-at-risk is low
# until the tail is in), and the basis with it; 50 cut the warm p50 by about a quarter at 50
# products and a third at 200 (alternating runs). The end test is unchanged, so is the optimum.
MAX_ENTERING_ROWS = 50
MAX_EVICTIONS = 2  # per item and solve
SEED_COLUMNS = 48


@dataclass(frozen=True, eq=False)
class PlatformData:
    version: str
    scenarios: ScenarioSet
    returns: np.ndarray  # T x n
    expected: np.ndarray  # n
    groups: np.ndarray  # 3 x n: money, illiquid, P2P (0/1)
    tail_weight: float  # 1 / ((1 - level) T)
    seed_rows: np.ndarray  # scenarios the working set starts with (worst market years)
    minimums: np.ndarray  # each product's minimum amount in minor units (fen)

    @classmethod
    def build(cls, version: str, scenarios: ScenarioSet) -> PlatformData:
        products = scenarios.products
        money = [p.kind is ProductKind.MONEY_FUND for p in products]
        illiquid = [p.liquidity.kind is LiquidityKind.LOCKED for p in products]
        p2p = [p.kind is ProductKind.P2P_LOAN for p in products]
        count = scenarios.count
        tail = (1.0 - CVAR_LEVEL) * count
        return cls(
            version=version,
            scenarios=scenarios,
            returns=scenarios.returns,
            expected=scenarios.expected_returns,
            groups=np.array([money, illiquid, p2p], dtype=float).reshape(3, len(products)),
            tail_weight=1.0 / tail,
            seed_rows=np.argsort(scenarios.market, kind="stable")[: min(count, 2 * int(np.ceil(tail)))],
            minimums=np.array([Money(p.minimum_amount, p.currency).to_minor() for p in products], dtype=np.int64),
        )

    @property
    def n_products(self) -> int:
        return self.returns.shape[1]

    @property
    def n_scenarios(self) -> int:
        return self.returns.shape[0]

    @property
    def money(self) -> np.ndarray:
        return self.groups[0] > 0

    @property
    def illiquid(self) -> np.ndarray:
        return self.groups[1] > 0

    @property
    def p2p(self) -> np.ndarray:
        return self.groups[2] > 0


@dataclass(frozen=True, eq=False)
class Bounds:
    """One solve's per-user numbers (fractions of the amount)."""

    upper: np.ndarray  # per product; 0 excludes it
    floor: float  # at least this share in money funds
    illiquid_cap: float
    p2p_cap: float
    tail_cap: float  # CVaR ceiling
    risk_aversion: float
    return_weight: float = 1.0  # scales expected returns (a tiny value: least tail loss)


@dataclass(frozen=True, eq=False)
class Optimum:
    weights: np.ndarray  # per product, add up to 1 within 1e-9 (when feasible)
    shortfall: float  # weight the artificial asset kept: > 0 means infeasible
    cvar: float  # on every scenario
    expected_return: float
    report: SolveReport
    rounds: int

    @property
    def feasible(self) -> bool:
        return self.shortfall <= ARTIFICIAL_TOLERANCE


class Slots:
    """Items (product or scenario indices) in fixed positions, -1 where free. An item out of
    use may be evicted to make room, but at most ``MAX_EVICTIONS`` times in one solve (then
    it stays), so generation always ends; when nothing can make room the slots grow."""

    def __init__(self, size: int, items: np.ndarray) -> None:
        self.items = np.full(size, -1)
        self.items[: len(items)] = items
        self.evictions: dict[int, int] = {}

    @property
    def size(self) -> int:
        return len(self.items)

    def filled(self) -> np.ndarray:
        return np.nonzero(self.items >= 0)[0]

    def contains(self, universe: int) -> np.ndarray:
        mask = np.zeros(universe, dtype=bool)
        mask[self.items[self.items >= 0]] = True
        return mask

    def begin(self) -> None:
        self.evictions = {}

    def place(self, entering: np.ndarray, dispensable: np.ndarray) -> int:
        """Put ``entering`` into free positions, then into ``dispensable`` ones (positions
        whose items are out of use, most dispensable first); returns how many were placed."""
        free = np.nonzero(self.items < 0)[0]
        spare = [p for p in dispensable if self.evictions.get(int(self.items[p]), 0) < MAX_EVICTIONS]
        places = np.concatenate([free, np.array(spare, dtype=int)])[: len(entering)].astype(int)
        for position in places:
            item = int(self.items[position])
            if item >= 0:
                self.evictions[item] = self.evictions.get(item, 0) + 1
        self.items[places] = entering[: len(places)]
        return len(places)

    def grow(self, size: int) -> None:
        self.items = np.concatenate([self.items, np.full(size - self.size, -1)])


def _seed_columns(data: PlatformData, columns: int) -> np.ndarray:
    """A first working set: money funds, the best expected returns and the smallest tails."""
    chosen: list[int] = []
    order_money = np.nonzero(data.money)[0][np.argsort(-data.expected[data.money], kind="stable")]
    worst = data.returns[data.seed_rows].min(axis=0) if len(data.seed_rows) else data.expected
    for candidates in (order_money[:8], np.argsort(-data.expected, kind="stable"), np.argsort(-worst, kind="stable")):
        for j in candidates:
            if len(chosen) >= min(SEED_COLUMNS, columns):
                break
            if j not in chosen:
                chosen.append(int(j))
    return np.array(chosen, dtype=int)


class PooledMaster:
    """A compiled master with its working set (the pair serves one solve at a time). With as
    many slots as products (or scenarios) every one is always in and that side needs no
    generation."""

    def __init__(self, data: PlatformData, column_slots: int, row_slots: int) -> None:
        self.all_columns = data.n_products <= column_slots
        self.all_rows = data.n_scenarios <= max(row_slots, len(data.seed_rows))
        columns = data.n_products if self.all_columns else column_slots
        # Fewer rows than the tail holds would let the value-at-risk run to minus infinity.
        rows = data.n_scenarios if self.all_rows else max(row_slots, len(data.seed_rows))
        self.columns = Slots(columns, np.arange(columns) if self.all_columns else _seed_columns(data, columns))
        self.rows = Slots(rows, np.arange(rows) if self.all_rows else data.seed_rows[:rows])
        self.master = HighsMaster(columns + 1, rows)  # + the artificial asset
        self.affinity: object = None
        self._block: np.ndarray | None = None
        self._block_items: tuple[np.ndarray, np.ndarray] | None = None

    def returns_block(self, data: PlatformData) -> np.ndarray:
        """The scenario returns slot by slot (``rows`` x ``columns + 1``, the artificial asset
        and empty slots 0), rebuilt only when the working set changed (the same array object
        otherwise, so the master sees at once that no coefficient changed)."""
        rows, columns = self.rows.items, self.columns.items
        if (
            self._block_items is not None
            and np.array_equal(self._block_items[0], rows)
            and np.array_equal(self._block_items[1], columns)
        ):
            return self._block
        row_slots, column_slots = self.rows.filled(), self.columns.filled()
        block = np.zeros((self.master.rows, self.master.columns))
        block[np.ix_(row_slots, column_slots + 1)] = data.returns[np.ix_(rows[row_slots], columns[column_slots])]
        self._block, self._block_items = block, (rows.copy(), columns.copy())
        return block

    def grow(self, data: PlatformData, *, columns: bool) -> None:
        """Double the columns (or rows) when one solve needs more than the slots hold: a new
        master is compiled (rare; logged)."""
        slots = self.columns if columns else self.rows
        limit = data.n_products if columns else data.n_scenarios
        size = min(2 * slots.size, limit)
        if size <= slots.size:
            raise _unsolved(data, t("the working set cannot grow", "工作集无法再扩大"))
        log.warning(
            "platform problem %s: growing the %s slots to %d", data.version, "product" if columns else "scenario", size
        )
        slots.grow(size)
        self.master = HighsMaster(self.columns.size + 1, self.rows.size)


class PlatformModel:
    """One catalogue version: its data and a pool of compiled masters (thread-safe)."""

    def __init__(
        self,
        data: PlatformData,
        *,
        pool_size: int = POOL_SIZE,
        column_slots: int = COLUMN_SLOTS,
        row_slots: int = ROW_SLOTS,
    ) -> None:
        self.data = data
        self.pool_size = pool_size
        self.column_slots = column_slots
        self.row_slots = row_slots
        self._idle: list[PooledMaster] = []  # the one returned last is at the end
        self._created = 0
        self._available = threading.Condition()
        self._liquidity: dict[tuple[date, str], np.ndarray] = {}

    @property
    def version(self) -> str:
        return self.data.version

    @property
    def compiled(self) -> int:
        return self._created

    def available_after_days(self, today: date, calendar: TradingCalendar) -> np.ndarray:
        """Calendar days until each product's money is back if asked ``today`` (kept for the
        latest day and calendar asked)."""
        key = (today, calendar.revision)
        days = self._liquidity.get(key)
        if days is None:
            days = np.array(
                [
                    liquidity_of(
                        kind=p.liquidity.kind,
                        lock_days=p.liquidity.lock_days,
                        maturity_date=p.liquidity.maturity_date,
                        settlement_days=p.liquidity.settlement_days,
                        today=today,
                        calendar=calendar,
                    ).available_after_days
                    for p in self.data.scenarios.products
                ],
                dtype=float,
            )
            self._liquidity = {key: days}
        return days

    @contextmanager
    def master(self, affinity: object = None) -> Iterator[PooledMaster]:
        """Check out a compiled master: an idle one that last served the same ``affinity``
        (e.g. the risk category: its basis and working set fit best), else a new one while
        the pool is not full, else the idle one returned last, else wait for one."""
        with self._available:
            while True:
                same = [i for i, pooled in enumerate(self._idle) if pooled.affinity == affinity]
                if same:
                    pooled = self._idle.pop(same[-1])
                    break
                if self._created < self.pool_size:
                    self._created += 1
                    pooled = None
                    break
                if self._idle:
                    pooled = self._idle.pop()
                    break
                self._available.wait()
        if pooled is None:
            try:
                pooled = PooledMaster(self.data, self.column_slots, self.row_slots)
            except BaseException:
                with self._available:
                    self._created -= 1
                    self._available.notify()
                raise
        pooled.affinity = affinity
        try:
            yield pooled
        finally:
            with self._available:
                self._idle.append(pooled)
                self._available.notify()

    def optimise(self, bounds: Bounds, *, affinity: object = None) -> Optimum:
        with self.master(affinity) as pooled:
            return optimise(pooled, self.data, bounds)


def _inputs(pooled: PooledMaster, data: PlatformData, bounds: Bounds) -> MasterInputs:
    master = pooled.master
    column_slots = pooled.columns.filled()
    products = pooled.columns.items[column_slots]
    returns = pooled.returns_block(data)
    expected = np.zeros(master.columns)
    expected[ARTIFICIAL] = -ARTIFICIAL_PENALTY
    expected[column_slots + 1] = bounds.return_weight * data.expected[products]
    upper = np.zeros(master.columns)
    upper[ARTIFICIAL] = 1.0
    upper[column_slots + 1] = bounds.upper[products]
    groups = np.zeros((3, master.columns))
    groups[0, ARTIFICIAL] = 1.0
    groups[:, column_slots + 1] = data.groups[:, products]
    return MasterInputs(
        returns=returns,
        row_weights=np.where(pooled.rows.items >= 0, data.tail_weight, 0.0),
        expected=expected,
        upper=upper,
        groups=groups,
        group_lower=np.array([bounds.floor, -1.0, -1.0]),
        group_upper=np.array([2.0, bounds.illiquid_cap, bounds.p2p_cap]),
        tail_cap=bounds.tail_cap,
        risk_aversion=bounds.risk_aversion,
    )


def _entering_columns(pooled: PooledMaster, data: PlatformData, bounds: Bounds, solution: MasterSolution) -> np.ndarray:
    """Eligible products outside the working set that would raise the objective, best first."""
    candidates = np.nonzero((bounds.upper > 0) & ~pooled.columns.contains(data.n_products))[0]
    if not len(candidates):
        return candidates
    row_slots = pooled.rows.filled()
    gains = solution.reduced_costs(
        bounds.return_weight * data.expected[candidates],
        data.returns[np.ix_(pooled.rows.items[row_slots], candidates)],
        data.groups[:, candidates],
        duals_of=row_slots,
    )
    good = gains > COLUMN_TOLERANCE
    return candidates[good][np.argsort(-gains[good], kind="stable")][:MAX_ENTERING_COLUMNS]


def optimise(pooled: PooledMaster, data: PlatformData, bounds: Bounds) -> Optimum:
    """The optimum of one user's problem over every scenario and product (see the module
    docstring); raises ``AdviceError`` when the solvers fail."""
    columns, rows = pooled.columns, pooled.rows
    columns.begin()
    rows.begin()
    for round_number in range(1, MAX_ROUNDS + 1):
        solution = pooled.master.solve(_inputs(pooled, data, bounds))
        slot_weights = solution.weights[1:]
        held = (columns.items >= 0) & (slot_weights > 0)
        losses = -(data.returns[:, columns.items[held]] @ slot_weights[held])
        violated = np.nonzero((losses > solution.alpha + ROW_TOLERANCE) & ~rows.contains(data.n_scenarios))[0]
        violated = violated[np.argsort(-losses[violated], kind="stable")][:MAX_ENTERING_ROWS]
        entering = np.array([], dtype=int) if pooled.all_columns else _entering_columns(pooled, data, bounds, solution)
        if not len(violated) and not len(entering):
            return _optimum(data, bounds, columns.items, solution, round_number)
        if len(entering):
            idle = np.nonzero((columns.items >= 0) & ~held)[0]
            idle = idle[np.argsort(data.expected[columns.items[idle]], kind="stable")]
            if not columns.place(entering, idle):
                pooled.grow(data, columns=True)
                columns.place(entering, idle)
        if len(violated):
            filled = rows.filled()
            quiet = filled[losses[rows.items[filled]] < solution.alpha]
            quiet = quiet[np.argsort(losses[rows.items[quiet]], kind="stable")]
            if not rows.place(violated, quiet):
                pooled.grow(data, columns=False)
                rows.place(violated, quiet)
    raise _unsolved(data, t(f"no convergence in {MAX_ROUNDS} rounds", f"{MAX_ROUNDS} 轮内未收敛"))


def _optimum(data: PlatformData, bounds: Bounds, columns: np.ndarray, solution: MasterSolution, rounds: int) -> Optimum:
    weights = np.zeros(data.n_products)
    filled = columns >= 0
    weights[columns[filled]] = solution.weights[1:][filled]
    shortfall = max(float(solution.weights[ARTIFICIAL]), 0.0)
    if shortfall <= ARTIFICIAL_TOLERANCE:
        try:
            weights = clean_weights(weights, np.zeros(data.n_products), bounds.upper)
        except WeightsOutsideBounds as error:
            raise AdviceError(
                AdvisorErrorCode.SOLVER_FAILED,
                t(f"the optimiser's answer was unusable: {error}", f"优化器的结果不可用：{error}"),
            ) from None
    held = weights > 0
    cvar = portfolio_cvar(data.returns[:, held], weights[held], CVAR_LEVEL) if held.any() else 0.0
    return Optimum(
        weights=weights,
        shortfall=shortfall,
        cvar=cvar,
        expected_return=float(data.expected @ weights),
        report=solution.report,
        rounds=rounds,
    )


def _unsolved(data: PlatformData, why: Text) -> AdviceError:
    log.error("platform problem on catalogue %s not solved: %s", data.version, why)
    return AdviceError(
        AdvisorErrorCode.SOLVER_FAILED,
        t(
            f"the optimiser could not finish ({why.en}); please try again later",
            f"优化器未能完成计算（{why.zh}），请稍后再试",
        ),
    )
