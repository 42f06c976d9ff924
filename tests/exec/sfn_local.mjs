// Runs a JSONPath state machine in aws-local-stepfunctions (an interpreter nobody on this project
// wrote) with every Task mocked by state name, and reports the output or error and the states
// entered, in order (nested Parallel branches and Map iterations included).
//
// aws-local-stepfunctions 3 declares Node >= 22 and calls Promise.withResolvers, which Node 20
// (Debian 12's) lacks, on its failure path. The test harness provides that one function before
// loading the package; it is the standard algorithm (a promise with its resolve and reject).
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
const { StateMachine, ExecutionError } = await import('aws-local-stepfunctions');

// An error a mocked task throws: `error` is what Retry/Catch match (ErrorEquals).
export function taskError(error, cause = '') {
  const e = new Error(cause);
  e.name = error;
  return e;
}

// A mocked Lambda invoke that returns `value` (as its response's Payload).
export const lambda = (value) => ({ return: value, lambda: true });

// Mocks from a declarative form: STATE -> [outcome, …], one outcome per call (the last one
// repeats); an outcome is { return: value } or { throw: 'Error', cause }. `lambda: true` wraps
// returned values as a Lambda invoke response ({ Payload, StatusCode }).
function handlers(mocks, calls) {
  const out = {};
  for (const [state, spec] of Object.entries(mocks)) {
    const outcomes = Array.isArray(spec) ? spec : [spec];
    out[state] = async (input) => {
      const n = (calls[state] = (calls[state] ?? 0) + 1);
      calls.inputs.push({ state, input });
      const o = outcomes[Math.min(n, outcomes.length) - 1];
      if (o.throw) throw taskError(o.throw, o.cause ?? '');
      return o.lambda ? { StatusCode: 200, Payload: o.return } : o.return;
    };
  }
  return out;
}

// Runs `definition` on `input`. Returns { output } or { error, cause }, plus `path` (state
// names entered, in order), `calls` (how often each mocked state ran) and `inputs` (what each
// mocked task received).
export async function runLocal(definition, input, mocks = {}) {
  const machine = new StateMachine(structuredClone(definition), {
    validationOptions: { checkArn: false, checkPaths: true },
  });
  const calls = { inputs: [] };
  // Waits and retry intervals of every state, nested ones included, are overridden to 0.
  const waitOverrides = {};
  const retryOverrides = {};
  const walk = (states) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.Type === 'Wait') waitOverrides[name] = 0;
      if (s.Retry) retryOverrides[name] = 0;
      for (const b of s.Branches ?? []) walk(b.States);
      if (s.ItemProcessor) walk(s.ItemProcessor.States);
      if (s.Iterator) walk(s.Iterator.States);
    }
  };
  walk(definition.States);
  const execution = machine.run(input, {
    // The context object: aws-local-stepfunctions does not make task tokens or execution ARNs.
    context: {
      Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:test:run-1', Name: 'run-1', StartTime: '2026-01-01T00:00:00.000Z', Input: input },
      StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', Name: 'test' },
      State: { Name: '', EnteredTime: '2026-01-01T00:00:01.000Z', RetryCount: 0 },
      Task: { Token: 'token-1' },
    },
    overrides: {
      taskResourceLocalHandlers: handlers(mocks, calls),
      waitTimeOverrides: waitOverrides,
      retryIntervalOverrides: retryOverrides,
    },
  });
  const path = [];
  const collect = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') path.push(event.state.name);
    }
  })();
  let result;
  try {
    result = { output: await execution.result };
  } catch (e) {
    if (!(e instanceof ExecutionError)) throw e;
    const cause = e.getCause?.() ?? e.cause;
    result = { error: cause?.name ?? String(cause), cause: cause?.message };
  }
  await collect;
  const { inputs, ...counts } = calls;
  return { ...result, path, calls: counts, inputs };
}
