"""State coverage for `caios test` (docs/testing.md): for each flow of the application, which of
its states the tests' executions entered, which branches of its Choice states they took and
which Catch edges they followed, from the executions' histories."""


def _walk(states, out):
    """Collects the states of a States object and of the branches and iterations inside it."""
    for name, state in states.items():
        out["states"].append(name)
        kind = state.get("Type")
        if kind == "Choice":
            targets = [rule.get("Next") for rule in state.get("Choices", [])]
            if "Default" in state:
                targets.append(state["Default"])
            for target in dict.fromkeys(t for t in targets if t):
                out["choices"].append((name, target))
        for catcher in state.get("Catch", []):
            if catcher.get("Next"):
                out["catches"].append((name, catcher["Next"]))
        for branch in state.get("Branches", []):
            _walk(branch.get("States", {}), out)
        for key in ("ItemProcessor", "Iterator"):
            if key in state:
                _walk(state[key].get("States", {}), out)


class Coverage:
    def __init__(self, definitions):
        """`definitions`: flow name -> its ASL definition (parsed)."""
        self.flows = {}
        for flow, definition in sorted(definitions.items()):
            parts = {"states": [], "choices": [], "catches": []}
            _walk(definition.get("States", {}), parts)
            self.flows[flow] = {"parts": parts, "states": set(), "choices": set(),
                                "catches": set()}

    def add(self, flow, events):
        """Counts one execution of `flow` (its history events, in order). A Choice's branch is
        taken from the Choice to the next state entered after it. A Catch edge is taken when its
        target is entered after a failure: of the states with a Catch to that target, the one
        entered last (a task, or a Parallel or Map state whose inner state failed, which was
        entered after the Parallel or Map itself). A catch's target may also be the state's
        `Next`. In parallel branches, whose events interleave, an edge can go uncounted."""
        item = self.flows[flow]
        choices = set(item["parts"]["choices"])
        catchers = {}  # target -> the states with a Catch to it
        for source, target in item["parts"]["catches"]:
            catchers.setdefault(target, []).append(source)
        entered = {}  # state -> the position of its last entry
        position = 0
        previous = None
        failed = False  # a failure since `previous` was entered
        for event in events:
            kind = str(event.get("type", ""))
            if kind.endswith(("Failed", "TimedOut", "Aborted")):
                failed = True
            details = event.get("stateEnteredEventDetails")
            if not details:
                continue
            name = details["name"]
            item["states"].add(name)
            if previous is not None and (previous, name) in choices:
                item["choices"].add((previous, name))
            if failed and name in catchers:
                sources = [s for s in catchers[name] if s in entered]
                if sources:
                    item["catches"].add((max(sources, key=entered.get), name))
            position += 1
            entered[name] = position
            previous = name
            failed = False

    def covered(self):
        """What the executions counted so far covered, as JSON (for `merge`)."""
        return {flow: {what: sorted(list(p) if isinstance(p, tuple) else p for p in item[what])
                       for what in ("states", "choices", "catches")}
                for flow, item in self.flows.items()}

    def merge(self, covered):
        """Adds what another process's Coverage counted (its `covered()`)."""
        for flow, parts in covered.items():
            item = self.flows[flow]
            item["states"].update(parts["states"])
            item["choices"].update(tuple(p) for p in parts["choices"])
            item["catches"].update(tuple(p) for p in parts["catches"])

    def summary(self):
        result = {}
        for flow, item in self.flows.items():
            entry = {}
            for what in ("states", "choices", "catches"):
                parts = item["parts"][what]
                covered = [p for p in parts if p in item[what]]
                missed = [p for p in parts if p not in item[what]]
                label = (lambda p: p) if what == "states" else (lambda p: f"{p[0]} -> {p[1]}")
                entry[what] = {"covered": len(covered), "total": len(parts),
                               "missed": [label(p) for p in missed]}
            result[flow] = entry
        return result
