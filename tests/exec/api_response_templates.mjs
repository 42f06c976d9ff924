#!/usr/bin/env node
// The response mapping templates of `run` routes (docs/language.md, section 12) rendered by
// Apache Velocity 1.7, the engine of API Gateway's VTL, with stand-ins for `$util.parseJson`
// and `$context.responseOverride` (tests/exec/vtl/ApiGatewayTemplate.java): for StartSyncExecution
// answers of `response` flows (statuses, headers full of quotes, newlines, `#set` and `$`, a
// missing or null header, statuses that are not ones) and of failed or timed-out executions,
// the rendered answer must have the status, headers and body written here by hand from the
// execution (never from the compiler's output). Each case runs with parseJson giving exact
// numbers (Integer, BigDecimal) and with every number a Double, since API Gateway does not say
// which Java types it gives.
//
//   node tests/exec/api_response_templates.mjs CAIOS SCRATCH
//
// Exit 1 on a mismatch, 77 when Java, Velocity or commons-lang is missing (unless CI is set).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { b64, jars, setUp } from './vtl/harness.mjs';

const { scratch, buildTemplate } = await setUp('api_response_templates', ['java', 'javac']);
// Compiled once: the renders below run the class, not the source.
const classes = path.join(scratch, 'classes');
execFileSync('javac', ['-nowarn', '-cp', jars.join(':'), '-d', classes,
                       'tests/exec/vtl/ApiGatewayTemplate.java'], { stdio: 'inherit' });
const template = buildTemplate('tests/golden/build/api_responses.caios');

function method(logicalId) {
  const m = template.Resources[logicalId];
  if (!m) throw new Error(`no method ${logicalId}`);
  return m.Properties;
}

// The response template of the method's integration response for StartSyncExecution's 200.
function responseTemplate(logicalId) {
  const ok = method(logicalId).Integration.IntegrationResponses.find((r) => r.StatusCode === '200');
  return ok.ResponseTemplates['application/json'];
}

const unb64 = (s) => Buffer.from(s, 'base64').toString('utf8');

// Renders `text` for StartSyncExecution's answer `execution` ({status, output, error, cause}):
// the body, the status the template set (null: none) and the headers it set.
function render(text, execution, numbers) {
  const lines = [];
  for (const [k, v] of Object.entries(execution)) lines.push(`json ${b64('$.' + k)} ${b64(v)}`);
  const tFile = path.join(scratch, 'template.vtl');
  const rFile = path.join(scratch, 'execution.txt');
  const oFile = path.join(scratch, 'overrides.txt');
  fs.writeFileSync(tFile, text);
  fs.writeFileSync(rFile, lines.join('\n') + '\n');
  const body = execFileSync('java', ['-cp', [classes, ...jars].join(':'), 'ApiGatewayTemplate',
                                     tFile, rFile, oFile, numbers], { encoding: 'utf8' });
  let status = null;
  const headers = {};
  for (const line of fs.readFileSync(oFile, 'utf8').split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'status') {
      // API Gateway reads an integer status: the template must give one.
      if (f[1] !== 'java.lang.Integer') throw new Error(`status of class ${f[1]}`);
      status = Number(f[2]);
    } else if (f[0] === 'header') {
      headers[unb64(f[1])] = unb64(f[2]);
    }
  }
  return { status, headers, body };
}

const hostile = 'He said "hi" \\ \'q\' \n\r\ttab é ☃ 😀 </script> $input.body #set($x = 1) ' +
                '${StateMachineArn} {{resolve:ssm:x}} $caiosValue #end \u0001 \u2028';
// What a header value becomes: control characters (CR, LF, tab, U+0001) are spaces.
const asHeader = (s) => s.replace(/[\u0000-\u001f\u007f]/g, ' ');
const succeeded = (answer) => ({ status: 'SUCCEEDED', output: JSON.stringify(answer) });
const invalid = {
  status: 500,
  headers: {},
  json: { error: 'InvalidStatus',
          cause: 'the flow answered with a status that is not a whole number from 100 to 599' },
};

const cases = [
  {
    name: 'status, every header and a JSON body',
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({
      status: 201,
      headers: { Location: '/orders/' + hostile, 'Cache-Control': 'no-store', 'X-Request-Id': 'r-1' },
      body: JSON.stringify({ id: 'r-1', item: hostile, qty: 2 }),
    }),
    expect: {
      status: 201,
      headers: { Location: asHeader('/orders/' + hostile), 'Cache-Control': 'no-store',
                 'X-Request-Id': 'r-1' },
      body: JSON.stringify({ id: 'r-1', item: hostile, qty: 2 }),
    },
  },
  {
    name: 'no headers record: no header',
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({ status: 422, body: '{"error": "qty must be positive"}' }),
    expect: { status: 422, headers: {}, body: '{"error": "qty must be positive"}' },
  },
  {
    name: 'a null, an absent and an empty header are not sent',
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({ status: 200, headers: { Location: null, 'X-Request-Id': '' },
                           body: 'x' }),
    expect: { status: 200, headers: {}, body: 'x' },
  },
  {
    name: 'a body that is text, sent as written',
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({ status: 200, headers: { 'X-Request-Id': hostile }, body: hostile }),
    expect: { status: 200, headers: { 'X-Request-Id': asHeader(hostile) }, body: hostile },
  },
  {
    name: 'no body: an empty answer',
    method: 'ShopApiGetHealthMethod',
    execution: succeeded({ status: 204 }),
    expect: { status: 204, headers: {}, body: '' },
  },
  {
    name: 'a null body: an empty answer',
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({ status: 304, headers: null, body: null }),
    expect: { status: 304, headers: {}, body: '' },
  },
  {
    name: 'the lowest and highest statuses',
    method: 'ShopApiGetHealthMethod',
    execution: succeeded({ status: 100 }),
    expect: { status: 100, headers: {}, body: '' },
  },
  {
    name: 'status 599',
    method: 'ShopApiGetHealthMethod',
    execution: succeeded({ status: 599 }),
    expect: { status: 599, headers: {}, body: '' },
  },
  ...[600, 99, 0, -200, 200.5, 1e3, '201', true, null, [200], { code: 200 }].map((status) => ({
    name: `status ${JSON.stringify(status)} is not one: 500, no header`,
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({ status, headers: { Location: '/x' }, body: 'never' }),
    expect: invalid,
  })),
  {
    name: 'no status at all',
    method: 'ShopApiPostOrdersMethod',
    execution: succeeded({ headers: { Location: '/x' }, body: 'never' }),
    expect: invalid,
  },
  {
    name: 'a failed execution keeps 500 with its error and cause',
    method: 'ShopApiPostOrdersMethod',
    execution: { status: 'FAILED', error: 'OutOfStock', cause: hostile },
    expect: { status: 500, headers: {}, json: { error: 'OutOfStock', cause: hostile } },
  },
  {
    name: 'a timed-out execution keeps 504',
    method: 'ShopApiPostOrdersMethod',
    execution: { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'too slow' },
    expect: { status: 504, headers: {}, json: { error: 'States.Timeout', cause: 'too slow' } },
  },
  {
    name: 'the JSONPath flow answers the same way',
    method: 'ShopApiGetOrdersIdMethod',
    execution: succeeded({ status: 200, headers: { ETag: '"v1"' }, body: 'o-1' }),
    expect: { status: 200, headers: { ETag: '"v1"' }, body: 'o-1' },
  },
  {
    name: 'a route without `response` answers with the output, status untouched',
    method: 'ShopApiGetStatusMethod',
    execution: succeeded({ status: 204 }),
    expect: { status: null, headers: {}, json: { status: 204 } },
  },
  {
    name: 'the cors route answers like the others',
    method: 'BrowserApiPostOrdersMethod',
    execution: succeeded({ status: 201, headers: { Location: '/orders/1' }, body: '{}' }),
    expect: { status: 201, headers: { Location: '/orders/1' }, body: '{}' },
  },
];

let failed = 0;
const fail = (name, detail) => {
  failed++;
  console.error(`FAIL ${name}: ${detail}`);
};
let runs = 0;
for (const c of cases) {
  for (const numbers of ['exact', 'double']) {
    runs++;
    const name = `${c.name} (${numbers} numbers)`;
    let got;
    try {
      got = render(responseTemplate(c.method), c.execution, numbers);
    } catch (e) {
      fail(name, e.message);
      continue;
    }
    const { json, ...plain } = c.expect;
    let ok = got.status === plain.status && isDeepStrictEqual(got.headers, plain.headers);
    if (json !== undefined) {
      try {
        ok = ok && isDeepStrictEqual(JSON.parse(got.body), json);
      } catch {
        ok = false;
      }
    } else {
      ok = ok && got.body === plain.body;
    }
    if (!ok) fail(name, `got ${JSON.stringify(got)}\nexpected ${JSON.stringify(c.expect)}`);
  }
}

// The headers are declared on the method's responses; with `cors`, the allowed origin and the
// exposed headers are on every integration response and declared on every method response.
const exposed = "'Location,Cache-Control,X-Request-Id'";
for (const [id, cors] of [['ShopApiPostOrdersMethod', false], ['BrowserApiPostOrdersMethod', true]]) {
  runs++;
  const m = method(id);
  const names = ['Location', 'Cache-Control', 'X-Request-Id'];
  for (const r of m.MethodResponses) {
    const want = Object.fromEntries(names.map((n) => [`method.response.header.${n}`, false]));
    if (cors) {
      want['method.response.header.Access-Control-Allow-Origin'] = false;
      want['method.response.header.Access-Control-Expose-Headers'] = false;
    }
    if (!isDeepStrictEqual(r.ResponseParameters, want)) {
      fail(`${id} method response ${r.StatusCode}`, JSON.stringify(r.ResponseParameters));
    }
  }
  for (const r of m.Integration.IntegrationResponses) {
    const want = cors ? {
      'method.response.header.Access-Control-Allow-Origin': "'https://shop.example.com'",
      'method.response.header.Access-Control-Expose-Headers': exposed,
    } : undefined;
    if (!isDeepStrictEqual(r.ResponseParameters, want)) {
      fail(`${id} integration response ${r.StatusCode}`, JSON.stringify(r.ResponseParameters));
    }
  }
}
console.log(`${runs - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
