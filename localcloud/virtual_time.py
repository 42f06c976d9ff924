"""Virtual time for `caios test` (docs/testing.md): a `wait` state and the interval before a
retry take no real time; the clock adds up the seconds they would have taken. moto's
interpreter waits in WaitFunction._wait_interval (an event wait) and sleeps between retries in
the retrier's module (`time.sleep`); both are replaced here. A task that waits for its token
(`await`) with a timeout or a heartbeat gets GRACE_SECONDS of real time to be answered (a
mock answers within milliseconds), then times out on the virtual clock: a test of a 7-day
approval that nobody answers takes a second. Timestamps the flow reads (`$now()`, the
context's EnteredTime) stay the real ones."""
import threading
import types

# Real seconds a task waiting for its token is given to be answered before its timeout or
# heartbeat fires on the virtual clock.
GRACE_SECONDS = 1.0


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
    _callbacks_on(clock)
    return clock


def _callbacks_on(clock):
    """A waiting task's TimeoutSeconds and HeartbeatSeconds on the virtual clock."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_callback as service)
    from moto.stepfunctions.parser.asl.eval.callback import callback

    cls = service.StateTaskServiceCallback
    wait = cls._wait_for_task_token_timeout

    def token_wait(self, timeout_seconds, callback_endpoint):
        # A `.sync` task waits for its token too, in a thread whose answer it ignores once the
        # job has ended: only a `.waitForTaskToken` task's wait is virtual.
        if (timeout_seconds is None or timeout_seconds <= GRACE_SECONDS
                or self.resource.condition != "waitForTaskToken"):
            return wait(self, timeout_seconds, callback_endpoint)
        outcome = callback_endpoint.wait(timeout=GRACE_SECONDS)
        if outcome is None:
            clock.advance(timeout_seconds)
        return outcome

    def heartbeat_wait(self):
        with self._mutex:
            if self._next_heartbeat_event.is_set():
                self._next_heartbeat_event.clear()
                return True
        seconds = self._heartbeat_seconds
        received = self._next_heartbeat_event.wait(timeout=min(seconds, GRACE_SECONDS))
        if not received:
            clock.advance(seconds)
        return received

    cls._wait_for_task_token_timeout = token_wait
    callback.HeartbeatEndpoint.clear_and_wait = heartbeat_wait
    _heartbeat_error_name()


def _heartbeat_error_name():
    """moto fails a task whose heartbeat stopped with States.Timeout (it treats the heartbeat's
    error as any timeout); Step Functions fails it with States.HeartbeatTimeout, which a flow's
    `catch States.HeartbeatTimeout` takes. Every task class's `_from_error` learns the name."""
    from moto.stepfunctions.parser.api import HistoryEventType, TaskTimedOutEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import (
        StatesErrorName)
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType)
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.state_task import StateTask
    from moto.stepfunctions.parser.asl.eval.callback.callback import HeartbeatTimeoutError
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    def heartbeat_event(env):
        return FailureEvent(
            env=env,
            error_name=StatesErrorName(typ=StatesErrorNameType.StatesHeartbeatTimeout),
            event_type=HistoryEventType.TaskTimedOut,
            event_details=EventDetails(taskTimedOutEventDetails=TaskTimedOutEventDetails(
                error=StatesErrorNameType.StatesHeartbeatTimeout.to_name())))

    def wrap(cls):
        original = cls.__dict__["_from_error"]

        def from_error(self, env, ex):
            if isinstance(ex, HeartbeatTimeoutError):
                return heartbeat_event(env)
            return original(self, env, ex)

        cls._from_error = from_error

    def every_subclass(cls):
        yield cls
        for sub in cls.__subclasses__():
            yield from every_subclass(sub)

    # The task classes are all imported by now (the interpreter's parser imports them).
    import moto.stepfunctions.parser.asl.parse.preprocessor  # noqa: F401
    for cls in set(every_subclass(StateTask)):
        if "_from_error" in cls.__dict__:
            wrap(cls)
