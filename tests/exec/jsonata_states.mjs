// Evaluates the JSONata of caios's emitted state machines with the reference implementation
// (the `jsonata` npm package, 2.x; Step Functions runs JSONata 2.0.6). Only the states that
// compute without a service are walked (Pass, Choice, Succeed, Fail, and Wait, Parallel and
// inline Map, whose work is their own): enough for flows that bind their parameters, compute
// and return, which is what the expression suite compiles. A Wait does not wait; Retry and
// Catch are not walked (nothing here raises a task error).
// Everything an expression means is decided by `jsonata`; this file only moves values between
// states the way the Amazon States Language says (Assign and Output both see the variables as
// they were when the state was entered).
import crypto from 'node:crypto';
import jsonata from 'jsonata';

// A Step Functions error raised while walking (States.QueryEvaluationError and the like).
export class StatesError extends Error {
  constructor(error, cause) {
    super(`${error}: ${cause}`);
    this.error = error;
    this.cause = cause;
  }
}

// The functions Step Functions adds to JSONata ("JSONata functions provided by Step
// Functions"), implemented from their documentation. Where the real one differs:
//   $random(seed?)  — Math.random; a seed is accepted and ignored (AWS: seeded generator).
//   $uuid()         — crypto.randomUUID (AWS: a v4 UUID as well).
//   $hash(s, alg)   — hex of the digest of the UTF-8 bytes, like States.Hash.
//   $parse(s)       — JSON.parse; malformed text is States.QueryEvaluationError.
//   $partition(a,n) — chunks of n; $range(a,b,step) — a to b inclusive, like States.ArrayRange.
// `$eval` does not exist in Step Functions; it is removed so that emitting it fails here too.
const kHashes = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
export const stepFunctionsBindings = {
  uuid: () => crypto.randomUUID(),
  random: () => Math.random(),
  hash: (value, algorithm) => {
    const alg = kHashes[algorithm];
    if (!alg) throw new StatesError('States.QueryEvaluationError', `$hash: unknown algorithm ${algorithm}`);
    return crypto.createHash(alg).update(String(value), 'utf8').digest('hex');
  },
  parse: (text) => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new StatesError('States.QueryEvaluationError', `$parse: ${e.message}`);
    }
  },
  partition: (array, size) => {
    const out = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start, end, step = 1) => {
    const out = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) out.push(v);
    return out;
  },
  eval: undefined,
};

// JSONata sequences carry extra properties; JSON round-trip makes plain values. `undefined`
// (no value) is an error in every field Step Functions evaluates.
function plain(value, where) {
  if (value === undefined) {
    throw new StatesError('States.QueryEvaluationError', `${where}: the expression has no value`);
  }
  return JSON.parse(JSON.stringify(value));
}

const cache = new Map();
function compile(text) {
  let e = cache.get(text);
  if (!e) {
    e = jsonata(text);
    cache.set(text, e);
  }
  return e;
}

// Evaluates a JSONata field value: `{% … %}` strings anywhere in it, other values as they are.
export async function evaluateField(value, bindings, where) {
  if (typeof value === 'string') {
    if (!(value.startsWith('{%') && value.endsWith('%}'))) return value;
    const text = value.slice(2, -2);
    let result;
    try {
      result = await compile(text).evaluate({}, bindings);
    } catch (e) {
      if (e instanceof StatesError) throw e;
      throw new StatesError('States.QueryEvaluationError', `${where}: ${e.message} in ${text}`);
    }
    return plain(result, `${where}: ${text}`);
  }
  if (Array.isArray(value)) {
    const out = [];
    for (let i = 0; i < value.length; ++i) out.push(await evaluateField(value[i], bindings, `${where}[${i}]`));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluateField(v, bindings, `${where}.${k}`);
    return out;
  }
  return value;
}

// Runs a JSONata state machine made of the states above on `input`.
// Returns { output } or { error, cause }, and the names of the states entered.
export async function runJsonataMachine(asl, input, { maxSteps = 10000 } = {}) {
  if (asl.QueryLanguage !== 'JSONata') throw new Error('not a JSONata state machine');
  const context = {
    Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:test:run', Input: input, Name: 'run', StartTime: '2026-01-01T00:00:00.000Z' },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', Name: 'test' },
  };
  const path = [];
  const budget = { steps: maxSteps };
  return { ...(await runGraph(asl, input, {}, context, path, budget)), path };
}

// Runs one graph (the machine, a Parallel branch or a Map iteration). Inner graphs see the
// variables of the enclosing scopes and cannot change them (the States Language's variable
// scopes): they get a copy.
async function runGraph(graph, input, outer, context, path, budget) {
  const variables = { ...outer };
  let name = graph.StartAt;
  let data = input;
  while (budget.steps-- > 0) {
    const state = graph.States[name];
    if (!state) throw new Error(`no state ${name}`);
    path.push(name);
    const bindings = (extra = {}) => ({
      ...stepFunctionsBindings,
      ...variables,
      states: {
        input: data,
        ...extra,
        context: { ...context, State: { Name: name, EnteredTime: '2026-01-01T00:00:01.000Z', RetryCount: 0 } },
      },
    });
    // Output and Assign of a state that ran, both with the variables from before it.
    const finish = async (b, passOn) => {
      const output = state.Output === undefined ? passOn : await evaluateField(state.Output, b, `${name}.Output`);
      Object.assign(variables, await evaluateField(state.Assign ?? {}, b, `${name}.Assign`));
      data = output;
      if (state.End) return true;
      name = state.Next;
      return false;
    };
    try {
      switch (state.Type) {
        case 'Pass':
        case 'Wait': {
          const b = bindings();
          if (state.Type === 'Wait') {
            for (const key of ['Seconds', 'Timestamp']) {
              if (state[key] !== undefined) await evaluateField(state[key], b, `${name}.${key}`);
            }
          }
          if (await finish(b, data)) return { output: data };
          break;
        }
        case 'Parallel': {
          const results = [];
          for (const branch of state.Branches) {
            const r = await runGraph(branch, data, variables, context, path, budget);
            if (r.error !== undefined) return r;
            results.push(r.output);
          }
          if (await finish(bindings({ result: results }), results)) return { output: data };
          break;
        }
        case 'Map': {
          const mode = state.ItemProcessor?.ProcessorConfig?.Mode ?? 'INLINE';
          if (mode !== 'INLINE' || state.ItemReader || state.ItemBatcher) {
            throw new Error(`state ${name}: only inline Map states over an array are walked here`);
          }
          const items = state.Items === undefined ? data : await evaluateField(state.Items, bindings(), `${name}.Items`);
          if (!Array.isArray(items)) throw new StatesError('States.QueryEvaluationError', `${name}.Items: not an array`);
          const results = [];
          for (let i = 0; i < items.length; ++i) {
            const b = bindings();
            b.states.context = { ...b.states.context, Map: { Item: { Index: i, Value: items[i] } } };
            const item = state.ItemSelector === undefined ? items[i] : await evaluateField(state.ItemSelector, b, `${name}.ItemSelector`);
            const r = await runGraph(state.ItemProcessor, item, variables, context, path, budget);
            if (r.error !== undefined) return r;
            results.push(r.output);
          }
          if (await finish(bindings({ result: results }), results)) return { output: data };
          break;
        }
        case 'Choice': {
          let next = state.Default;
          let chosen = state;
          const b = bindings();
          for (const rule of state.Choices) {
            if ((await evaluateField(rule.Condition, b, `${name}.Condition`)) === true) {
              next = rule.Next;
              chosen = rule;
              break;
            }
          }
          if (next === undefined) throw new StatesError('States.NoChoiceMatched', `no rule of ${name} matched`);
          const output = chosen.Output === undefined ? data : await evaluateField(chosen.Output, b, `${name}.Output`);
          Object.assign(variables, await evaluateField(chosen.Assign ?? {}, b, `${name}.Assign`));
          data = output;
          name = next;
          break;
        }
        case 'Succeed':
          return { output: state.Output === undefined ? data : await evaluateField(state.Output, bindings(), `${name}.Output`) };
        case 'Fail': {
          const b = bindings();
          return {
            error: await evaluateField(state.Error, b, `${name}.Error`),
            cause: state.Cause === undefined ? undefined : await evaluateField(state.Cause, b, `${name}.Cause`),
          };
        }
        default:
          throw new Error(`state ${name}: ${state.Type} states are not walked here`);
      }
    } catch (e) {
      if (e instanceof StatesError) return { error: e.error, cause: e.cause };
      throw e;
    }
  }
  throw new Error('too many states entered');
}
