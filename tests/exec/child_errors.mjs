#!/usr/bin/env node
// child_errors.mjs — the JSONata `Fail` state that makes `run f(x)` of a flow fail with the
// child's error (backends/aws/asl/child_errors.h), evaluated with the reference `jsonata`
// package and Step Functions' `$parse` (jsonata_states.mjs) on the error outputs the wrapper's
// task can catch: a failed child with and without a cause (States.TaskFailed with
// DescribeExecution's response as the cause), a child that timed out (no Error), another
// error of the task, and causes that are not a description.
//
//   node tests/exec/child_errors.mjs CAIOS OUT_DIR
//
// Exit 1 on any problem; 77 when node_modules is missing.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [caios, outDir] = process.argv.slice(2);
if (!caios || !outDir) {
  console.error('usage: child_errors.mjs CAIOS OUT_DIR');
  process.exit(2);
}
if (!fs.existsSync(path.join(repo, 'node_modules/jsonata'))) {
  console.error('child_errors: node_modules missing (run `npm ci`)');
  process.exit(77);
}
const { default: jsonata } = await import('jsonata');
const { stepFunctionsBindings } = await import('./jsonata_states.mjs');

fs.rmSync(outDir, { recursive: true, force: true });
const build = spawnSync(caios, ['build', 'tests/golden/build/child_errors.caios', '-o', outDir],
  { cwd: repo, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(`caios build exited ${build.status}:\n${build.stderr}`);
  process.exit(1);
}
const asl = JSON.parse(fs.readFileSync(path.join(outDir, 'statemachines/passes_on.asl.json'), 'utf8'));
const fail = asl.States['run limited'].Branches[0].States['run limited (child error)'];
const unwrap = (field) => fail[field].replace(/^\{%\s*/, '').replace(/\s*%\}$/, '');

const describe = (fields) => JSON.stringify({ ExecutionArn: 'arn:x', Status: 'FAILED', ...fields });
const cases = [
  ['a failed child', { Error: 'States.TaskFailed', Cause: describe({ Error: 'TooBig', Cause: 'n is 5' }) },
    { Error: 'TooBig', Cause: 'n is 5' }],
  ['a failed child without a cause', { Error: 'States.TaskFailed', Cause: describe({ Error: 'TooBig' }) },
    { Error: 'TooBig', Cause: '' }],
  ['a child that timed out', { Error: 'States.TaskFailed', Cause: describe({ Status: 'TIMED_OUT' }) },
    { Error: 'ChildExecutionFailed', Cause: describe({ Status: 'TIMED_OUT' }) }],
  ['a child that failed with a States.* error',
    { Error: 'States.TaskFailed', Cause: describe({ Error: 'States.Runtime', Cause: 'bad path' }) },
    { Error: 'ChildExecutionFailed', Cause: describe({ Error: 'States.Runtime', Cause: 'bad path' }) }],
  ['another error of the task', { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: 'exists' },
    { Error: 'StepFunctions.ExecutionAlreadyExistsException', Cause: 'exists' }],
  ['a description under another error name', { Error: 'Other', Cause: describe({ Error: 'TooBig', Cause: 'x' }) },
    { Error: 'Other', Cause: describe({ Error: 'TooBig', Cause: 'x' }) }],
  ['a cause that is no JSON', { Error: 'States.TaskFailed', Cause: 'plain text' },
    { Error: 'ChildExecutionFailed', Cause: 'plain text' }],
  ['a cause that is a JSON array', { Error: 'States.TaskFailed', Cause: '[1]' },
    { Error: 'ChildExecutionFailed', Cause: '[1]' }],
  ['an empty cause', { Error: 'States.TaskFailed', Cause: '' }, { Error: 'ChildExecutionFailed', Cause: '' }],
];
let failures = 0;
for (const [name, input, want] of cases) {
  const got = {};
  for (const field of ['Error', 'Cause']) {
    try {
      got[field] = await jsonata(unwrap(field)).evaluate({}, { states: { input }, ...stepFunctionsBindings });
    } catch (e) {
      got[field] = `<${e.error ?? e.code ?? 'error'}: ${e.message}>`;
    }
  }
  if (got.Error !== want.Error || got.Cause !== want.Cause) {
    failures++;
    console.error(`FAIL ${name}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
}
console.error(`child_errors: ${cases.length} error outputs, ${failures} failed`);
process.exit(failures ? 1 : 0);
