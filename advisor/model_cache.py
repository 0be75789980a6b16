"""The platform model of the current catalogue version, built once per version and process.

``ModelCache.model`` compares the catalogue version (one query) with the cached model's and
builds a new model only when it changed: scenario generation and data preparation happen
once per version, and the old model (with its compiled problems) is dropped, so a catalogue
change invalidates every compiled problem. Concurrent requests that find a stale model wait
for one build instead of each building their own. Thread-safe.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy.orm import Session

from advisor.platform import POOL_SIZE, PlatformData, PlatformModel
from core.clock import Clock
from products.catalogue import catalogue_version
from products.joint_scenarios import SCENARIOS, SEED, generate
from products.scenarios import scenario_inputs

log = logging.getLogger(__name__)


class ModelCache:
    def __init__(self, *, seed: int = SEED, scenarios: int = SCENARIOS, pool_size: int = POOL_SIZE) -> None:
        self.seed = seed
        self.scenarios = scenarios
        self.pool_size = pool_size
        self._current: PlatformModel | None = None
        self._build = threading.Lock()
        self.builds = 0

    def model(self, *, session: Session, clock: Clock) -> PlatformModel:
        version = catalogue_version(session=session)
        current = self._current
        if current is not None and current.version == version:
            return current
        with self._build:
            current = self._current
            if current is not None and current.version == version:
                return current
            started = time.perf_counter()
            inputs = scenario_inputs(session=session, clock=clock)
            # The inputs belong to the version read after them (a change in between shows).
            version = catalogue_version(session=session)
            data = PlatformData.build(version, generate(inputs, seed=self.seed, count=self.scenarios))
            model = PlatformModel(data, pool_size=self.pool_size)
            self._current = model
            self.builds += 1
            log.info(
                "advisor: catalogue %s modelled (%d products, %d scenarios) in %.2f s",
                version,
                data.n_products,
                data.n_scenarios,
                time.perf_counter() - started,
            )
            return model


_shared = ModelCache()


def shared_cache() -> ModelCache:
    """The process-wide cache (the API keeps its own in the app's services)."""
    return _shared
