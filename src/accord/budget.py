"""A per-document time budget, so that one document that codes slowly cannot stall a batch.

The budget is checked between the pieces of a long document and, where the process allows it (the main
thread of a Unix process), also enforced by a timer signal that interrupts coding wherever it is. Either
way the document ends with :class:`TooSlow`, which the pipeline reports as problem E204 before going on.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class TooSlow(BaseException):
    """The document used up its time budget.

    A BaseException, like KeyboardInterrupt, because it arrives asynchronously: a stage's own
    ``except Exception`` must not swallow it."""


class Budget:
    """``seconds`` of wall time from ``start()``; 0 or less means unlimited."""

    def __init__(self, seconds: float) -> None:
        self.seconds = float(seconds)
        self.deadline: float | None = None

    @property
    def limited(self) -> bool:
        return self.seconds > 0

    def check(self) -> None:
        """Raise :class:`TooSlow` when the deadline has passed (called between pieces of work)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TooSlow(f"over its time budget of {self.seconds:g} s")

    @contextmanager
    def running(self) -> Iterator["Budget"]:
        """Start the clock for one document; interrupt it by signal when that is possible here."""
        if not self.limited:
            yield self
            return
        self.deadline = time.monotonic() + self.seconds
        use_timer = (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
        )
        if not use_timer:
            try:
                yield self
            finally:
                self.deadline = None
            return

        armed = True

        def _expired(signum, frame):
            if armed:  # a late signal after the document finished is ignored
                raise TooSlow(f"over its time budget of {self.seconds:g} s")

        previous = signal.signal(signal.SIGALRM, _expired)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            yield self
        finally:
            armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self.deadline = None
