#!/usr/bin/env node
// The request mapping templates of flow routes (docs/language.md, section 12) rendered by
// Apache Velocity 1.7, the engine of API Gateway's VTL, with `$util.escapeJavaScript` from
// commons-lang 2.6 (tests/exec/vtl/ApiGatewayTemplate.java): for requests full of quotes,
// backslashes, newlines, non-ASCII text and VTL/CloudFormation look-alikes, the rendered text
// must be the JSON request to Step Functions, and its `input` the value the flow's parameters
// ask for, written here by hand from the request (never from the compiler's output).
//
//   node tests/exec/api_request_templates.mjs CAIOS SCRATCH
//
// Exit 1 on a mismatch, 77 when Java, Velocity or commons-lang is missing (unless CI is set).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { b64, jars, setUp } from './vtl/harness.mjs';

const { scratch, buildTemplate } = await setUp('api_request_templates');
const template = buildTemplate('tests/golden/build/http_requests.caios');

// Request mapping template of the method on `httpMethod` and a resource ending in `suffix`.
function requestTemplate(logicalId, contentType) {
  const method = template.Resources[logicalId];
  if (!method) throw new Error(`no method ${logicalId}`);
  const sub = method.Properties.Integration.RequestTemplates[contentType]['Fn::Sub'];
  return sub[0];
}

const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:test';

// Renders `text` for a request; `body` is the raw body, `fields` the names whose
// `$input.json('$.NAME')` the template may ask.
function render(text, request) {
  const lines = [`body ${b64(request.body ?? '')}`];
  for (const [kind, map] of [['path', request.path], ['query', request.query],
                             ['header', request.headers]]) {
    for (const [k, v] of Object.entries(map ?? {})) lines.push(`${kind} ${b64(k)} ${b64(v)}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(request.body ?? '');
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    lines.push(`json ${b64('$')} ${b64(JSON.stringify(parsed))}`);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [k, v] of Object.entries(parsed)) {
        if (v !== null) lines.push(`json ${b64('$.' + k)} ${b64(JSON.stringify(v))}`);
      }
    }
  }
  const tFile = path.join(scratch, 'template.vtl');
  const rFile = path.join(scratch, 'request.txt');
  fs.writeFileSync(tFile, text.replaceAll('${StateMachineArn}', arn));
  fs.writeFileSync(rFile, lines.join('\n') + '\n');
  return execFileSync('java', ['-cp', jars.join(':'), 'tests/exec/vtl/ApiGatewayTemplate.java',
                               tFile, rFile], { encoding: 'utf8' });
}

const hostile = 'He said "hi" \\ \'q\' \n\ttab é ☃ 😀 </script> $input.body #set($x = 1) ' +
                '${StateMachineArn} {{resolve:ssm:x}} \u0001 \u2028';

const cases = [
  {
    name: 'path parameter and body fields',
    method: 'ShopApiPostOrdersIdItemsMethod',
    request: { body: JSON.stringify({ qty: 3, note: hostile, extra: 1 }),
               path: { id: hostile } },
    input: { id: hostile, qty: 3, note: hostile },
  },
  {
    name: 'a missing body field reads as null',
    method: 'ShopApiPostOrdersIdItemsMethod',
    request: { body: JSON.stringify({ qty: 0 }), path: { id: 'o-1' } },
    input: { id: 'o-1', qty: 0, note: null },
  },
  {
    name: 'an empty body: every field null',
    method: 'ShopApiPostOrdersIdItemsMethod',
    request: { body: '', path: { id: 'o-2' } },
    input: { id: 'o-2', qty: null, note: null },
  },
  {
    name: 'falsy values stay themselves',
    method: 'ShopApiPostOrdersIdItemsMethod',
    request: { body: JSON.stringify({ qty: false, note: '' }), path: { id: 'x' } },
    input: { id: 'x', qty: false, note: '' },
  },
  {
    name: 'path parameters only (greedy)',
    method: 'ShopApiGetOrdersIdFilesKeyMethod',
    request: { path: { id: '42', key: 'a/b c/"d".txt' } },
    input: { id: '42', key: 'a/b c/"d".txt' },
  },
  {
    name: 'the whole request',
    method: 'ShopApiPostHooksSourceMethod',
    request: {
      body: JSON.stringify({ event: hostile, n: [1, { x: null }] }, null, 2),
      path: { source: 'stripe' },
      query: { q: hostile, 'a b': '' },
      headers: { 'X-Signature': 't=1,v1=abc', [hostile]: hostile },
    },
    input: {
      body: { event: hostile, n: [1, { x: null }] },
      raw_body: JSON.stringify({ event: hostile, n: [1, { x: null }] }, null, 2),
      path: { source: 'stripe' },
      query: { q: hostile, 'a b': '' },
      headers: { 'X-Signature': 't=1,v1=abc', [hostile]: hostile },
    },
  },
  {
    name: 'the whole request, empty body',
    method: 'ShopApiPostHooksSourceMethod',
    request: { body: '', path: { source: 's' } },
    input: { body: null, raw_body: '', path: { source: 's' }, query: {}, headers: {} },
  },
  {
    name: 'the whole request as text',
    method: 'ShopApiPostHooksSourceMethod',
    contentType: 'application/x-www-form-urlencoded',
    request: { body: 'a=1&b=%22' + hostile, path: { source: 'form' } },
    input: { body: null, raw_body: 'a=1&b=%22' + hostile, path: { source: 'form' }, query: {},
             headers: {} },
  },
  {
    name: 'the body alone, as before',
    method: 'ShopApiPostOrdersMethod',
    request: { body: JSON.stringify({ item: hostile, qty: 2 }) },
    input: { item: hostile, qty: 2 },
  },
];

let failed = 0;
for (const c of cases) {
  const text = requestTemplate(c.method, c.contentType ?? 'application/json');
  const rendered = render(text, c.request);
  let ok = false;
  let detail = '';
  try {
    const request = JSON.parse(rendered);
    const input = JSON.parse(request.input);
    ok = request.stateMachineArn === arn && Object.keys(request).length === 2 &&
         isDeepStrictEqual(input, c.input);
    detail = JSON.stringify(input);
  } catch (e) {
    detail = `${e.message}\n${rendered}`;
  }
  if (!ok) {
    failed++;
    console.error(`FAIL ${c.name}: ${detail}\nexpected ${JSON.stringify(c.input)}`);
  }
}
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
