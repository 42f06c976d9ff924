"""Virtual time for `caios test` (docs/testing.md): a `wait` state and the interval before a
retry take no real time; the clock adds up the seconds they would have taken. moto's
interpreter waits in WaitFunction._wait_interval (an event wait) and sleeps between retries in
the retrier's module (`time.sleep`); both are replaced here. Timestamps the flow reads
(`$now()`, the context's EnteredTime) stay the real ones."""
import threading
import types


class Clock:
    def __init__(self):
        self._lock = threading.Lock()
        self.elapsed = 0.0

    def advance(self, seconds):
        with self._lock:
            self.elapsed += max(0.0, float(seconds))

    def reset(self):
        with self._lock:
            self.elapsed = 0.0


def install():
    """Puts moto's waits and retry sleeps on a virtual clock, which it returns."""
    import time

    from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl
    from moto.stepfunctions.parser.asl.component.state.wait.wait_function import wait_function

    clock = Clock()

    def wait_interval(self, env, wait_seconds):
        clock.advance(wait_seconds)

    wait_function.WaitFunction._wait_interval = wait_interval
    # The retrier's module sees a `time` whose sleep advances the clock; the rest is the real one.
    retrier_decl.time = types.SimpleNamespace(
        **{name: getattr(time, name) for name in dir(time) if not name.startswith("__")})
    retrier_decl.time.sleep = clock.advance
    # A `.sync` task (`run f(x)`) checks every 0.5 s of real time whether its child execution
    # has ended, so each `run` of a test cost half a second of waiting for a child that had
    # long finished; check every 20 ms instead (the child runs in its own thread meanwhile).
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_callback)
    state_task_service_callback._DELAY_SECONDS_SYNC_CONDITION_CHECK = 0.02
    return clock
