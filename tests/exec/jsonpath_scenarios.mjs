#!/usr/bin/env node
// Execution tests of the JSONPath target: compiles tests/exec/jsonpath/*.caios and
// every sample with `--query-language jsonpath`, checks every definition with asl-validator,
// and runs each scenario (below for the constructs, tests/exec/samples/<sample>.mjs for the
// samples) in aws-local-stepfunctions (sfn_local.mjs) with its tasks mocked by state name. A
// scenario asserts the output (or `error` and `cause`) and the path: `visits` must appear in
// this order among the states entered, `skips` must not appear at all; `calls` counts the runs
// of mocked tasks and `inputs` the Parameters a task received (its first call). `processor`
// runs the body of a distributed loop as the child execution it is. Expected
// values are written by hand from the source's meaning.
//
//   node tests/exec/jsonpath_scenarios.mjs CAIOS STDLIB SCRATCH [SCENARIO…]
//
// Exit 1 on a failure, 77 when node_modules is missing (skipped unless CI is set).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

if (!fs.existsSync(new URL('../../node_modules/aws-local-stepfunctions', import.meta.url))) {
  console.error('jsonpath_scenarios: node_modules missing (run `npm ci`)');
  process.exit(process.env.CI ? 1 : 77);
}
const { runLocal, lambda } = await import('./sfn_local.mjs');
const { checkAsl } = await import('../validate/asl.mjs');

const order = { id: 'o1', total: 10, items: ['a', 'b'] };

const scenarios = [
  {
    name: 'values: operators and builtins with intrinsic functions',
    flow: 'values',
    input: { a: 5, b: 2, s: 'ab', xs: [1, 2, 3] },
    output: {
      sum: 7, less: 2, label: 'ab:7', joined: 'ab!', n: 3, has: true, big: true, both: true, picked: 2, last: 3,
      safe: 'none', obj: { a: 5, list: [5, 2], nested: { s: 'ab' } }, merged: { x: 1, y: 3 },
      parts: ['p', 'q', 'r'], back: { a: 5, list: [5, 2], nested: { s: 'ab' } }, encoded: 'YWI=',
      f: '5 and ab', r: [0, 1, 2],
    },
  },
  {
    name: 'values: an optional parameter that is given, comparisons that are false',
    flow: 'values',
    input: { a: -1, b: 2, s: 'x', xs: [9, 8], note: 'hey' },
    output: {
      sum: 1, less: -4, label: 'x:1', joined: 'x!', n: 2, has: false, big: false, both: false, picked: 8, last: 8,
      safe: 'hey', obj: { a: -1, list: [-1, 2], nested: { s: 'x' } }, merged: { x: 1, y: 3 },
      parts: ['p', 'q', 'r'], back: { a: -1, list: [-1, 2], nested: { s: 'x' } }, encoded: 'eA==',
      f: '-1 and x', r: [0, 1, 2],
    },
  },
  {
    // xs[1] of an empty array: the path $.vars.xs.v[1] is missing, which fails the state (in
    // JSONata the value is undefined, which fails the state as well).
    name: 'values: an index past the end fails the flow',
    flow: 'values',
    input: { a: 1, b: 2, s: 'x', xs: [] },
    error: 'States.Runtime',
    skips: ['Return'],
  },
  {
    name: 'contract: quoted and reserved fields, a whole input, a payload as given',
    flow: 'contract',
    input: { 'test-run-id': 'r1', type: 'T', 'a.b': 3, 'cost${usd}': 4 },
    mocks: { legacy: lambda({ seen: true }), tagged: lambda('tg') },
    output: { 'test-run-id': 'r1', type: 'T', 'a.b': 3, raw: { seen: true }, t: 'tg' },
    inputs: {
      legacy: { FunctionName: '${LegacyFunctionArn}', Payload: { 'test-run-id': 'r1', type: 'T', 'a.b': 3, 'cost${usd}': 4 } },
      tagged: { FunctionName: '${TaggedFunctionArn}', Payload: { 'test-run-id': 'r1', type: 'T' } },
    },
  },
  {
    name: 'contract: `run` passes a whole-input flow the value itself',
    flow: 'contractcaller',
    input: { id: 'r2' },
    mocks: { 'run contract (execution)': { return: { Output: { done: 1 } } } },
    output: { done: 1 },
    inputs: {
      'run contract (execution)': { StateMachineArn: '${ContractStateMachineArn}', Input: { 'test-run-id': 'r2', type: 'manual', 'a.b': 1 } },
    },
  },
  { name: 'contract: a whole input that is an array', flow: 'wholebatch', input: [1, 2, 3], output: 3 },
  { name: 'if: the first branch', flow: 'branches', input: { n: 150, kind: 'a' }, output: 'big/ab', visits: ['If n > 100', 'Set size', 'Switch kind', 'Return'], skips: ['Set size (2)'] },
  { name: 'else if, switch case', flow: 'branches', input: { n: 50, kind: 'c' }, output: 'medium/c', visits: ['If n > 100', 'Set size (2)', 'Switch kind', 'Return (2)'], skips: ['Set size'] },
  { name: 'no branch, switch default', flow: 'branches', input: { n: 1, kind: 'z' }, output: 'small/other', visits: ['Switch kind', 'Return (3)'], skips: ['Set size', 'Set size (2)'] },
  { name: 'while with break and continue', flow: 'loops', input: { limit: 5 }, output: { i: 6, evens: 4 }, visits: ['While i < 100', 'If i == 3', 'While i < 100', 'Return'] },
  { name: 'while: break at once', flow: 'loops', input: { limit: 0 }, output: { i: 1, evens: 0 }, skips: ['Set evens'] },
  { name: 'for with the item index', flow: 'numbered', input: { xs: ['a', 'b', 'c'] }, output: ['0:a', '1:b', '2:c'], visits: ['For each x', 'Bind x', 'Return'] },
  { name: 'for with the item index: no items', flow: 'numbered', input: { xs: [] }, output: [], skips: ['Bind x'] },
  {
    name: 'for and parallel collect their yields',
    flow: 'fanout',
    input: { order },
    mocks: { charge: lambda({ paid: 10 }) },
    output: { tagged: [{ item: 'a', order: 'o1' }, { item: 'b', order: 'o1' }], both: [10, 'second'] },
    visits: ['For each item', 'Bind item', 'Yield', 'Parallel', 'charge', 'Return'],
    calls: { charge: 1 },
  },
  {
    name: 'retry that succeeds, then queue and topic',
    flow: 'payment',
    input: { order },
    mocks: {
      charge: [{ throw: 'Busy' }, lambda({ paid: 7 })],
      'Jobs.send': { return: { MessageId: 'm1' } },
      'Alerts.publish': { return: { MessageId: 'n1' } },
    },
    output: { paid: 7 },
    visits: ['charge', 'Set paid', 'Jobs.send', 'Alerts.publish', 'Return (2)'],
    skips: ['refund'],
    calls: { charge: 2 },
    inputs: { 'Jobs.send': { QueueUrl: '${JobsQueueUrl}', MessageBody: { id: 'o1', paid: 7 } } },
  },
  {
    name: 'catch that compensates',
    flow: 'payment',
    input: { order },
    mocks: { charge: { throw: 'Declined', cause: 'card expired' }, refund: lambda(null) },
    output: { declined: 'card expired' },
    visits: ['charge', 'refund (bind e)', 'refund', 'Return'],
    skips: ['Jobs.send'],
    inputs: { refund: { FunctionName: '${RefundFunctionArn}', Payload: { id: 'o1' } } },
  },
  {
    name: 'retries exhausted: the error leaves the flow',
    flow: 'payment',
    input: { order },
    mocks: { charge: { throw: 'Busy', cause: 'still busy' } },
    error: 'Busy',
    calls: { charge: 3 },
    skips: ['refund'],
  },
  { name: 'fail', flow: 'strict', input: { order: { ...order, total: -1 } }, error: 'Invalid', cause: 'negative total', visits: ['Fail Invalid'], skips: ['charge'] },
  { name: 'a present optional field', flow: 'strict', input: { order: { ...order, coupon: 'FREE' } }, output: { free: true }, skips: ['charge'] },
  {
    name: 'an absent optional field is guarded, return of a task result',
    flow: 'strict',
    input: { order },
    mocks: { charge: lambda({ paid: 3 }) },
    output: { paid: 3 },
    visits: ['If order.coupon != null and order.coupon == \'FREE\'', 'charge', 'Return (2)'],
  },
  { name: 'fields: absent fields compare as null', flow: 'fields', input: { r: {} }, output: { ne: true, same: true, nul: true, nometa: true } },
  { name: 'fields: present fields compare as values', flow: 'fields', input: { r: { n: 3, a: 'x', b: 'y', meta: { k: 1 } } }, output: { ne: false, same: false, nul: false, nometa: false } },
  { name: 'type tests: a string', flow: 'typetests', input: { event: { name: 'ada' } }, output: { kind: 'string', name: 'ada' } },
  { name: 'type tests: a number is not a string', flow: 'typetests', input: { event: { name: 7, n: 11.5 } }, output: { kind: 'big number', n: 11.5 } },
  { name: 'type tests: the right side of and decides', flow: 'typetests', input: { event: { name: 7, n: 3, flag: false } }, output: { kind: 'bool', flag: false } },
  { name: 'type tests: a timestamp, not a date', flow: 'typetests', input: { event: { name: null, at: '2026-12-02T10:00:00Z' } }, output: { kind: 'timestamp', at: '2026-12-02T10:00:00Z' } },
  { name: 'type tests: a date alone is no timestamp; null name', flow: 'typetests', input: { event: { name: null, at: '2026-12-02' } }, output: { kind: 'no name' } },
  { name: 'type tests: an absent field is null', flow: 'typetests', input: { event: {} }, output: { kind: 'no name' } },
  { name: 'type tests: an object name is none of them', flow: 'typetests', input: { event: { name: { first: 'a' } } }, output: { kind: 'other' } },
  {
    // Filters keep two elements or more here: aws-local-stepfunctions (jsonpath-plus with
    // wrap: false) unwraps a single match and fails on none, where Step Functions (Jayway) gives
    // an array of one or none; the JSONata cases test those sizes.
    name: 'collections: filters, projections, computed ranges',
    flow: 'collections',
    input: { lines: [{ id: 'a', total: 5, status: 'paid', paid: true }, { id: 'b', total: 20, status: 'paid', paid: true }, { id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }], lo: 1, hi: 5 },
    output: {
      ids: ['b', 'c'], open: [{ id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }],
      all_ids: ['a', 'b', 'c', 'd'], flagged: ['a', 'b'], n: 2, has: true, up: [1, 2, 3, 4], odd: [1, 3], down: [5, 4, 3, 2],
    },
    visits: ['Set flagged, n, has, up, odd, down (test)', 'Set flagged, n, has, up, odd, down (range)'],
    skips: ['Set flagged, n, has, up, odd, down (empty)'],
  },
  {
    name: 'collections: empty and one-element computed ranges',
    flow: 'collections',
    input: { lines: [{ id: 'a', total: 5, status: 'paid', paid: true }, { id: 'b', total: 20, status: 'paid', paid: true }, { id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }], lo: 4, hi: 5 },
    output: {
      ids: ['b', 'c'], open: [{ id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }],
      all_ids: ['a', 'b', 'c', 'd'], flagged: ['a', 'b'], n: 2, has: true, up: [4], odd: [4], down: [5],
    },
  },
  {
    name: 'collections: a start past the end gives empty ranges',
    flow: 'collections',
    input: { lines: [{ id: 'a', total: 5, status: 'paid', paid: true }, { id: 'b', total: 20, status: 'paid', paid: true }, { id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }], lo: 7, hi: 2 },
    output: {
      ids: ['b', 'c'], open: [{ id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }],
      all_ids: ['a', 'b', 'c', 'd'], flagged: ['a', 'b'], n: 2, has: true, up: [], odd: [], down: [],
    },
    visits: ['Set flagged, n, has, up, odd, down (empty)', 'Set flagged, n, has, up, odd, down (empty 2)', 'Set flagged, n, has, up, odd, down (empty 3)'],
    skips: ['Set flagged, n, has, up, odd, down (range)'],
  },
  {
    // States.ArrayRange makes at most 1000 numbers: a longer range fails the state.
    name: 'collections: a range of more than 1000 numbers fails',
    flow: 'collections',
    input: { lines: [{ id: 'a', total: 5, status: 'paid', paid: true }, { id: 'b', total: 20, status: 'paid', paid: true }, { id: 'c', total: 30, status: 'paid', paid: false }, { id: 'd', total: 40, status: 'void', paid: false }], lo: 0, hi: 1001 },
    error: 'States.Runtime',
  },
  {
    name: 'collections: filters on the element, a nested field, a filtered source',
    flow: 'deepfilters',
    input: { xs: [1, 2, 3], ms: [{ id: 'a', m: { n: -3 } }, { id: 'b', m: { n: 0 } }, { id: 'c', m: { n: 4 } }, { id: 'd', m: { n: 5 } }] },
    output: { big: [2, 3], deep: ['b', 'c', 'd'], twice: [4, 5] },
  },
  { name: 'random: States.MathRandom between the bounds', flow: 'dice', input: { lo: 3, hi: 9 }, output: true },
  { name: 'random: negative bounds', flow: 'dice', input: { lo: -5, hi: -4 }, output: true },
  { name: 'contains in a condition: a literal star', flow: 'substring', input: { s: 'xa*by' }, output: 'star' },
  { name: 'contains in a condition: a star is no wildcard', flow: 'substring', input: { s: 'xaZby' }, output: 'none' },
  { name: 'contains in a condition: anywhere in the string', flow: 'substring', input: { s: 'look' }, output: 'ok' },
  {
    // The runner gives the context object AWS documents (sfn_local.mjs); it keeps no state name
    // and stamps its own start time, so those are tested in JSONata (jsonata_cases.mjs).
    name: 'context: execution, flow and state', flow: 'context', input: { n: 1 },
    output: {
      id: 'arn:aws:states:us-east-1:123456789012:execution:test:run-1', name: 'run-1', input: { n: 1 },
      flow: 'test', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', retries: 0,
    },
  },
  { name: 'narrowing: no contact returns early', flow: 'narrowing', input: { fallback: 'none' }, output: { email: 'none', score: 0, positive: false } },
  { name: 'narrowing: null contact returns early', flow: 'narrowing', input: { c: null, fallback: 'none' }, output: { email: 'none', score: 0, positive: false } },
  { name: 'narrowing: a narrowed field is read directly', flow: 'narrowing', input: { c: { email: 'a@b', score: 2 }, fallback: 'x' }, output: { email: 'a@b', score: 2, positive: true } },
  { name: 'narrowing: an absent field is not read', flow: 'narrowing', input: { c: { score: 2 }, fallback: 'x' }, output: { email: 'x', score: 2, positive: true } },
  { name: 'narrowing: the right side of and decides', flow: 'narrowing', input: { c: { email: 'a@b', score: 0 }, fallback: 'x' }, output: { email: 'x', score: 0, positive: false } },
  { name: 'fields: explicit nulls', flow: 'fields', input: { r: { n: null, a: null, meta: null } }, output: { ne: true, same: true, nul: true, nometa: true } },
  { name: 'jsonread: absent fields of a json value read as null', flow: 'jsonread', input: { x: {} }, output: { y: null, z: null, deep: null, first: null, given: 'default', branch: 'absent' } },
  { name: 'jsonread: a field on the way is absent, or not an object', flow: 'jsonread', input: { x: { a: 1, list: [] } }, output: { y: null, z: null, deep: null, first: null, given: 'default', branch: 'absent' } },
  { name: 'jsonread: present fields read as values', flow: 'jsonread', input: { x: { k: 'v', a: { b: [1] }, list: [{ n: 1 }] } }, output: { y: 'v', z: 'v', deep: [1], first: { n: 1 }, given: 'v', branch: 'present' } },
  { name: 'jsonread: a json value that is null', flow: 'jsonread', input: { x: null }, output: { y: null, z: null, deep: null, first: null, given: 'default', branch: 'absent' } },
  { name: 'optionals: two absent values are equal', flow: 'optionals', input: {}, output: { same: true, other: true, branch: 'equal' } },
  { name: 'optionals: a value differs from null', flow: 'optionals', input: { a: 'x' }, output: { same: false, other: false, branch: 'different' } },
  { name: 'optionals: null differs from a value', flow: 'optionals', input: { b: 'y' }, output: { same: false, other: true, branch: 'different' } },
  { name: 'optionals: two equal values', flow: 'optionals', input: { a: 'y', b: 'y' }, output: { same: true, other: true, branch: 'equal' } },
  { name: 'optionals: explicit nulls', flow: 'optionals', input: { a: null, b: 'y' }, output: { same: false, other: true, branch: 'different' } },
  { name: 'a flow without a return ends with null', flow: 'pause', input: { seconds: 0, xs: [1, 2] }, output: null, visits: ['For each x', 'wait seconds', 'Set later', 'Set later (null)'] },
  { name: 'waits: fixed, computed and until a timestamp', flow: 'waits', input: { seconds: 2, at: '2026-01-01T00:00:00Z' }, output: 'done', visits: ['wait 5s', 'wait seconds', 'wait until at', 'Return'] },
  {
    name: 'a callback gets the task token and returns what SendTaskSuccess delivers',
    flow: 'callbacks',
    input: { id: 'x' },
    mocks: { 'await approve': { return: { ok: true } } },
    output: true,
    inputs: { 'await approve': { FunctionName: '${ApproveFunctionArn}', Payload: { id: 'x', token: '__TOKEN__' } } },
  },
  {
    name: 'run and start nested flows',
    flow: 'nested',
    input: { order },
    mocks: {
      'run payment (execution)': { return: { Output: { paid: 1 } } },
      'start strict': { return: { ExecutionArn: 'arn:x', StartDate: '2026-01-01' } },
    },
    output: { paid: 1 },
    visits: ['run payment', 'run payment (execution)', 'start strict', 'Return'],
  },
  // `run` re-raises the child's error: Step Functions fails the .sync:2 task with
  // States.TaskFailed and DescribeExecution's response as the cause.
  {
    name: 'run: a failed child\'s error and cause become the run\'s',
    flow: 'nested',
    input: { order },
    mocks: {
      'run payment (execution)': {
        throw: 'States.TaskFailed',
        cause: JSON.stringify({ ExecutionArn: 'arn:x', Status: 'FAILED', Error: 'Declined', Cause: 'card expired' }),
      },
    },
    error: 'Declined',
    cause: 'card expired',
    visits: ['run payment (child error)', 'run payment (child description)', 'run payment (which error)', 'run payment (raise child error)'],
    skips: ['start strict'],
  },
  {
    name: 'run: a child that failed without a cause',
    flow: 'nested',
    input: { order },
    mocks: {
      'run payment (execution)': {
        throw: 'States.TaskFailed',
        cause: JSON.stringify({ ExecutionArn: 'arn:x', Status: 'FAILED', Error: 'Declined' }),
      },
    },
    error: 'Declined',
    visits: ['run payment (raise child error without cause)'],
    skips: ['start strict'],
  },
  {
    name: 'run: a child that timed out (no Error in its description) fails as ChildExecutionFailed, with the task\'s cause',
    flow: 'nested',
    input: { order },
    mocks: {
      'run payment (execution)': {
        throw: 'States.TaskFailed',
        cause: JSON.stringify({ ExecutionArn: 'arn:x', Status: 'TIMED_OUT' }),
      },
    },
    error: 'ChildExecutionFailed',
    cause: JSON.stringify({ ExecutionArn: 'arn:x', Status: 'TIMED_OUT' }),
    // (aws-local-stepfunctions leaves a Fail state entered from this Choice out of the path;
    // the error and cause show it ran.)
    visits: ['run payment (which error)', 'run payment (which rethrow)'],
    skips: ['start strict', 'run payment (rethrow)'],
  },
  {
    name: 'run: a child\'s States.* error (reserved for Step Functions) fails as ChildExecutionFailed',
    flow: 'nested',
    input: { order },
    mocks: {
      'run payment (execution)': {
        throw: 'States.TaskFailed',
        cause: JSON.stringify({ ExecutionArn: 'arn:x', Status: 'FAILED', Error: 'States.Runtime', Cause: 'bad path' }),
      },
    },
    error: 'ChildExecutionFailed',
    cause: JSON.stringify({ ExecutionArn: 'arn:x', Status: 'FAILED', Error: 'States.Runtime', Cause: 'bad path' }),
    visits: ['run payment (which error)', 'run payment (raise child execution failed)'],
    skips: ['start strict', 'run payment (raise child error)'],
  },
  {
    name: 'run: another error of the task passes through unchanged',
    flow: 'nested',
    input: { order },
    mocks: {
      'run payment (execution)': { throw: 'StepFunctions.ExecutionAlreadyExistsException', cause: 'it exists' },
    },
    error: 'StepFunctions.ExecutionAlreadyExistsException',
    cause: 'it exists',
    visits: ['run payment (child error)', 'run payment (which rethrow)', 'run payment (rethrow)'],
    skips: ['run payment (child description)', 'start strict'],
  },
  {
    name: 'a queue trigger\'s batch of messages is the whole input of the flow it starts',
    flow: 'drain',
    input: [{ messageId: 'm1', body: 'a' }, { messageId: 'm2', body: 'b' }],
    output: { count: 2, first: { messageId: 'm1', body: 'a' }, note: 'none' },
  },
  // ---- bedrock.caios: Step Functions' optimized Bedrock integration (bedrock:invokeModel)
  {
    name: 'bedrock: the model gets the JSON Body; the flow reads the Body of its answer',
    program: 'bedrock',
    flow: 'summarize',
    input: { review: { id: 'r1', text: 'Loved it' } },
    mocks: {
      'aws.bedrockruntime.invokeModel': {
        return: { Body: { id: 'msg_1', content: [{ type: 'text', text: 'Positive.' }], stop_reason: 'end_turn' }, ContentType: 'application/json' },
      },
    },
    output: { id: 'r1', summary: 'Positive.', type: 'application/json' },
    inputs: {
      'aws.bedrockruntime.invokeModel': {
        ModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        ContentType: 'application/json',
        Body: {
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 200,
          messages: [{ role: 'user', content: 'Summarise this review: Loved it' }],
        },
      },
    },
  },
  {
    name: 'bedrock: the request and the response in the declared bucket (Input/Output S3Uri)',
    program: 'bedrock',
    flow: 'batch',
    input: { key: 'k1.json' },
    substitutions: { DocsBucketName: 'stack-docs-1a2b' },
    mocks: { 'aws.bedrockruntime.invokeModel': { return: { Body: {}, ContentType: 'application/json' } } },
    output: 'application/json',
    inputs: {
      'aws.bedrockruntime.invokeModel': {
        ModelId: 'amazon.titan-text-express-v1',
        Input: { S3Uri: 's3://stack-docs-1a2b/in/k1.json' },
        Output: { S3Uri: 's3://stack-docs-1a2b/out/k1.json' },
      },
    },
  },
  // ---- resources.caios: every resource operation, an AWS API call, an HTTP task
  {
    name: 'table get of a missing item gives null; put',
    program: 'resources',
    flow: 'tables',
    input: { id: 'a1', amount: 5 },
    mocks: { 'Accounts.get': { return: {} }, 'Accounts.put': { return: {} } },
    output: { created: true },
    visits: ['Accounts.get', 'Accounts.get (result)', 'Accounts.get (absent)', 'If before == null', 'Accounts.put', 'Return'],
    skips: ['Accounts.get (present)', 'Accounts.update'],
    inputs: {
      'Accounts.get': { TableName: '${AccountsTableName}', Key: { id: { S: 'a1' } } },
      'Accounts.put': {
        TableName: '${AccountsTableName}',
        Item: { id: { S: 'a1' }, balance: { N: '5' }, active: { BOOL: true }, owner: { M: { name: { S: 'new' } } } },
      },
    },
  },
  {
    name: 'table get of an item unmarshals it; update, scan, delete',
    program: 'resources',
    flow: 'tables',
    input: { id: 'a1', amount: 7 },
    mocks: {
      'Accounts.get': { return: { Item: { id: { S: 'a1' }, balance: { N: '3' }, active: { BOOL: true }, owner: { M: { name: { S: 'Ada' } } } } } },
      'Accounts.update': { return: {} },
      'Accounts.scan': { return: { Count: 2, Items: [
        { id: { S: 'a1' }, balance: { N: '7' }, active: { BOOL: false }, owner: { M: { name: { S: 'Ada' } } } },
        { id: { S: 'b2' }, balance: { N: '-1.5' }, active: { BOOL: true }, owner: { M: { name: { S: 'Bob' } } } },
      ] } },
      'Accounts.delete': { return: {} },
    },
    output: {
      created: false,
      before: { id: 'a1', balance: 3, active: true, owner: { name: 'Ada' } },
      count: 2,
      first: 'Ada',
    },
    visits: ['Accounts.get (present)', 'Accounts.update', 'Accounts.scan (present)', 'Accounts.delete', 'Return (2)'],
    skips: ['Accounts.put'],
    inputs: {
      'Accounts.update': {
        TableName: '${AccountsTableName}',
        Key: { id: { S: 'a1' } },
        UpdateExpression: 'SET #f0 = :v0, #f1 = :v1',
        ExpressionAttributeNames: { '#f0': 'balance', '#f1': 'active' },
        ExpressionAttributeValues: { ':v0': { N: '7' }, ':v1': { BOOL: false } },
      },
    },
  },
  {
    // `substitutions`: the values CloudFormation puts in place of the placeholders.
    name: 'resources as values: names and ARNs in payloads, interpolations, a Choice and a call',
    program: 'resources',
    flow: 'values',
    input: { key: 'a.txt' },
    substitutions: {
      FilesBucketName: 'stack-files-1a2b',
      ClicksStreamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/stack-Clicks',
      BusEventBusName: 'stack-Bus',
      AccountsTableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/stack-Accounts',
    },
    mocks: { 'aws.s3.copyObject': { return: {} } },
    output: {
      bucket: 'stack-files-1a2b', stream: 'arn:aws:kinesis:eu-west-1:123456789012:stream/stack-Clicks', bus: 'stack-Bus',
      path: 's3://stack-files-1a2b/a.txt', fixed: 's3://stack-files-1a2b/in/',
      table: 'arn:aws:dynamodb:eu-west-1:123456789012:table/stack-Accounts',
    },
    inputs: { 'aws.s3.copyObject': { Bucket: 'stack-files-1a2b', CopySource: 'stack-files-1a2b/a.txt', Key: 'copy/a.txt' } },
  },
  {
    name: 'resources as values: a Choice rule compares with the bucket\'s name',
    program: 'resources',
    flow: 'values',
    input: { key: 'stack-files-1a2b' },
    substitutions: { FilesBucketName: 'stack-files-1a2b' },
    mocks: { 'aws.s3.copyObject': { return: {} } },
    output: { same: true },
  },
  {
    name: 'a flow that ends with an unused result ends with null',
    program: 'resources',
    flow: 'touch',
    input: { id: 'a1' },
    mocks: { 'Accounts.get': { return: { Item: { id: { S: 'a1' }, balance: { N: '3' }, active: { BOOL: true }, owner: { M: { name: { S: 'Ada' } } } } } } },
    output: null,
    visits: ['Accounts.get'],
    skips: ['Accounts.get (present)', 'Accounts.get (result)'],
  },
  {
    name: 'bucket put (JSON and text), get, list, delete',
    program: 'resources',
    flow: 'files',
    input: { key: 'in/d.json', doc: { a: 1 } },
    mocks: {
      'Files.put': { return: { ETag: '"e1"' } },
      'Files.put (2)': { return: { ETag: '"e2"' } },
      'Files.get': { return: { Body: '{"a":1}', ContentLength: 7 } },
      'Files.list': { return: { KeyCount: 1, Contents: [{ Key: 'in/d.json', Size: 7, ETag: '"e1"', StorageClass: 'STANDARD' }] } },
      'Files.list (2)': { return: { KeyCount: 1, Contents: [{ Key: 'old/x', Size: 1, ETag: '"e0"' }] } },
      'Files.delete': { return: {} },
    },
    output: {
      body: '{"a":1}',
      listed: [{ key: 'in/d.json', size: 7, etag: '"e1"' }],
      archived: [{ key: 'old/x', size: 1, etag: '"e0"' }],
    },
    inputs: {
      'Files.put': { Bucket: '${FilesBucketName}', Key: 'in/d.json', Body: '{"a":1}', ContentType: 'application/json' },
      'Files.put (2)': { Bucket: '${FilesBucketName}', Key: 'in/d.json.txt', Body: 'plain' },
      'Files.list': { Bucket: '${FilesBucketName}', Prefix: 'in/' },
    },
  },
  {
    name: 'an empty bucket listing (no Contents) is an empty list',
    program: 'resources',
    flow: 'files',
    input: { key: 'k', doc: { a: 2 } },
    mocks: {
      'Files.put': { return: {} },
      'Files.put (2)': { return: {} },
      'Files.get': { return: { Body: 'x' } },
      'Files.list': { return: { KeyCount: 0 } },
      'Files.list (2)': { return: { KeyCount: 0 } },
      'Files.delete': { return: {} },
    },
    output: { body: 'x', listed: [], archived: [] },
    visits: ['Files.list (result)', 'Files.list (absent)', 'Files.delete'],
  },
  {
    name: 'stream, event bus, AWS API call, HTTP task',
    program: 'resources',
    flow: 'signals',
    input: { user: 'u1' },
    mocks: {
      'Clicks.put': { return: { ShardId: 'shard-1', SequenceNumber: '42' } },
      'Bus.put': { return: { Entries: [{ EventId: 'e' }], FailedEntryCount: 0 } },
      'aws.sts.getCallerIdentity': { return: { Account: '123456789012', Arn: 'arn:x', UserId: 'u' } },
      'http.post': { return: { StatusCode: 202, ResponseBody: { ok: true }, Headers: {} } },
    },
    output: { shard: 'shard-1', account: '123456789012', status: 202 },
    inputs: {
      'Bus.put': { Entries: [{ Detail: { user: 'u1' }, DetailType: 'Clicked', Source: 'app.ui', EventBusName: '${BusEventBusName}' }] },
      'http.post': {
        ApiEndpoint: 'https://api.example.com/hooks',
        Method: 'POST',
        Authentication: { ConnectionArn: '${ApiConnectionArn}' },
        RequestBody: { user: 'u1' },
        Headers: { 'X-Trace': 'u1' },
      },
    },
  },
  {
    name: 'an optional member of an AWS API response that is absent takes its default',
    program: 'resources',
    flow: 'signals',
    input: { user: 'u1' },
    mocks: {
      'Clicks.put': { return: { ShardId: 's', SequenceNumber: '1' } },
      'Bus.put': { return: { Entries: [], FailedEntryCount: 0 } },
      'aws.sts.getCallerIdentity': { return: {} },
      'http.post': { return: { StatusCode: 200, ResponseBody: {}, Headers: {} } },
    },
    output: { shard: 's', account: 'unknown', status: 200 },
  },
  {
    name: 'an HTTP task that fails leaves the flow with its error',
    program: 'resources',
    flow: 'signals',
    input: { user: 'u1' },
    mocks: {
      'Clicks.put': { return: { ShardId: 's', SequenceNumber: '1' } },
      'Bus.put': { return: { Entries: [], FailedEntryCount: 0 } },
      'aws.sts.getCallerIdentity': { return: { Account: '1' } },
      'http.post': { throw: 'States.Http.StatusCode.500', cause: 'server error' },
    },
    error: 'States.Http.StatusCode.500',
    skips: ['Return'],
  },
];

const [caios, stdlib, scratch, ...only] = process.argv.slice(2);
if (!caios || !stdlib || !scratch) {
  console.error('usage: jsonpath_scenarios.mjs CAIOS STDLIB SCRATCH [SCENARIO…]');
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..', '..');
fs.rmSync(scratch, { recursive: true, force: true });

// The programs: the constructs file and every sample that has scenarios.
const programs = {};
for (const file of fs.readdirSync(path.join(here, 'jsonpath')).filter((f) => f.endsWith('.caios'))) {
  programs[file.replace('.caios', '')] = path.join(here, 'jsonpath', file);
}
for (const s of scenarios) s.program ??= 'constructs';
for (const file of fs.readdirSync(path.join(here, 'samples')).filter((f) => f.endsWith('.mjs')).sort()) {
  const sample = file.replace('.mjs', '');
  programs[sample] = path.join(root, 'samples', sample);
  const mod = await import(path.join(here, 'samples', file));
  for (const s of mod.scenarios) scenarios.push({ ...s, program: sample, name: `${sample}: ${s.name}` });
}

const failures = [];
const definitions = {};
for (const [program, source] of Object.entries(programs)) {
  const out = path.join(scratch, program);
  try {
    execFileSync(caios, ['build', '--stdlib', stdlib, source, '--query-language', 'jsonpath', '-o', out],
      { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    console.error(`caios build of ${source} failed:\n${e.stderr}`);
    process.exit(1);
  }
  definitions[program] = {};
  for (const file of fs.readdirSync(path.join(out, 'statemachines'))) {
    const asl = JSON.parse(fs.readFileSync(path.join(out, 'statemachines', file), 'utf8'));
    definitions[program][file.replace('.asl.json', '')] = asl;
    for (const p of checkAsl(asl)) failures.push(`${program}/${file}: asl-validator: ${p}`);
  }
}

function processorOf(definition, name) {
  for (const [n, state] of Object.entries(definition.States)) {
    if (n === name && state.ItemProcessor) {
      const { StartAt, States } = state.ItemProcessor;
      return { QueryLanguage: definition.QueryLanguage, StartAt, States };
    }
    for (const b of state.Branches ?? []) {
      const found = processorOf(b, name);
      if (found) return found;
    }
  }
  return undefined;
}

// `visits` in order among `path`.
function inOrder(path, visits) {
  let i = 0;
  for (const name of path) if (i < visits.length && name === visits[i]) ++i;
  return i === visits.length;
}

const show = (v) => JSON.stringify(v);
let ran = 0;
for (const s of scenarios) {
  if (only.length && !only.includes(s.name)) continue;
  ++ran;
  let definition = definitions[s.program][s.flow];
  // `processor: 'STATE'`: the ItemProcessor of that distributed Map, run as what it is, a
  // child execution of its own (the interpreter cannot read an ItemReader's bucket).
  if (definition && s.processor) definition = processorOf(definition, s.processor);
  if (!definition) {
    failures.push(`${s.name}: no flow ${s.flow} in ${s.program}`);
    continue;
  }
  // `substitutions`: what CloudFormation does with DefinitionSubstitutions when it deploys the
  // definition (plain text replacement of each `${KEY}`); every key must occur.
  if (s.substitutions) {
    let text = JSON.stringify(definition);
    for (const [key, value] of Object.entries(s.substitutions)) {
      if (!text.includes(`\${${key}}`)) failures.push(`${s.name}: no placeholder \${${key}} in the definition`);
      text = text.replaceAll(`\${${key}}`, value);
    }
    definition = JSON.parse(text);
  }
  const r = await runLocal(definition, s.input, s.mocks ?? {});
  const problems = [];
  if (s.error !== undefined) {
    if (r.error !== s.error) problems.push(`expected error ${s.error}, got ${r.error !== undefined ? `error ${r.error}: ${r.cause}` : show(r.output)}`);
    if (s.cause !== undefined && r.cause !== s.cause) problems.push(`expected cause ${show(s.cause)}, got ${show(r.cause)}`);
  } else if (r.error !== undefined) {
    problems.push(`expected ${show(s.output)}, got error ${r.error}: ${r.cause}`);
  } else if (!isDeepStrictEqual(r.output, s.output)) {
    problems.push(`expected ${show(s.output)}\n      got      ${show(r.output)}`);
  }
  if (s.visits && !inOrder(r.path, s.visits)) problems.push(`path ${show(r.path)} does not visit ${show(s.visits)} in order`);
  for (const name of s.skips ?? []) if (r.path.includes(name)) problems.push(`path ${show(r.path)} enters ${name}`);
  for (const [state, n] of Object.entries(s.calls ?? {})) {
    if ((r.calls[state] ?? 0) !== n) problems.push(`${state} ran ${r.calls[state] ?? 0} times, expected ${n}`);
  }
  for (const [state, expected] of Object.entries(s.inputs ?? {})) {
    const got = r.inputs.find((x) => x.state === state)?.input;
    const token = got?.Payload?.token;
    const want = structuredClone(expected);
    if (want.Payload?.token === '__TOKEN__') {
      if (typeof token !== 'string' || !token) problems.push(`${state} got no task token`);
      want.Payload.token = token;
    }
    if (!isDeepStrictEqual(got, want)) problems.push(`${state} received ${show(got)}, expected ${show(want)}`);
  }
  if (problems.length) failures.push(`${s.name} (flow ${s.flow}, input ${show(s.input)}):\n    ${problems.join('\n    ')}\n    path: ${show(r.path)}`);
}
for (const f of failures) console.error(`FAIL ${f}\n`);
const defs = Object.values(definitions).reduce((n, d) => n + Object.keys(d).length, 0);
console.log(`jsonpath scenarios: ${ran} run in aws-local-stepfunctions, ${defs} definitions validated, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
