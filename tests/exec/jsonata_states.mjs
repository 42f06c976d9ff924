// Evaluates the JSONata of caios's emitted state machines with the reference implementation
// (the `jsonata` npm package, 2.x; Step Functions runs JSONata 2.0.6). Only the states that
// compute without a service are walked (Pass, Choice, Succeed, Fail): enough for flows that
// bind their parameters, compute and return, which is what the expression suite compiles.
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

// Runs a JSONata state machine made of Pass, Choice, Succeed and Fail states on `input`.
// Returns { output } or { error, cause }, and the names of the states entered.
export async function runJsonataMachine(asl, input, { maxSteps = 10000 } = {}) {
  if (asl.QueryLanguage !== 'JSONata') throw new Error('not a JSONata state machine');
  const variables = {};
  const path = [];
  const context = {
    Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:test:run', Input: input, Name: 'run', StartTime: '2026-01-01T00:00:00.000Z' },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', Name: 'test' },
  };
  let name = asl.StartAt;
  let data = input;
  for (let step = 0; step < maxSteps; ++step) {
    const state = asl.States[name];
    if (!state) throw new Error(`no state ${name}`);
    path.push(name);
    const bindings = {
      ...stepFunctionsBindings,
      ...variables,
      states: { input: data, context: { ...context, State: { Name: name, EnteredTime: '2026-01-01T00:00:01.000Z', RetryCount: 0 } } },
    };
    try {
      switch (state.Type) {
        case 'Pass': {
          const output = state.Output === undefined ? data : await evaluateField(state.Output, bindings, `${name}.Output`);
          const assigned = await evaluateField(state.Assign ?? {}, bindings, `${name}.Assign`);
          Object.assign(variables, assigned);
          data = output;
          if (state.End) return { output: data, path };
          name = state.Next;
          break;
        }
        case 'Choice': {
          let next = state.Default;
          let chosen = state;
          for (const rule of state.Choices) {
            if ((await evaluateField(rule.Condition, bindings, `${name}.Condition`)) === true) {
              next = rule.Next;
              chosen = rule;
              break;
            }
          }
          if (next === undefined) throw new StatesError('States.NoChoiceMatched', `no rule of ${name} matched`);
          const output = chosen.Output === undefined ? data : await evaluateField(chosen.Output, bindings, `${name}.Output`);
          Object.assign(variables, await evaluateField(chosen.Assign ?? {}, bindings, `${name}.Assign`));
          data = output;
          name = next;
          break;
        }
        case 'Succeed':
          return { output: state.Output === undefined ? data : await evaluateField(state.Output, bindings, `${name}.Output`), path };
        case 'Fail':
          return {
            error: await evaluateField(state.Error, bindings, `${name}.Error`),
            cause: state.Cause === undefined ? undefined : await evaluateField(state.Cause, bindings, `${name}.Cause`),
            path,
          };
        default:
          throw new Error(`state ${name}: ${state.Type} states are not walked here`);
      }
    } catch (e) {
      if (e instanceof StatesError) return { error: e.error, cause: e.cause, path };
      throw e;
    }
  }
  throw new Error(`more than ${maxSteps} states entered`);
}
