#!/usr/bin/env node
// asl.mjs — checks the compiler's Amazon States Language output with asl-validator (a JSON
// schema + reachability checker written by others, JSONata-aware since 4.0), so that every
// emitted state machine definition is one Step Functions would accept.
//
//   node tests/validate/asl.mjs FILE_OR_DIR...
//
// Validates every *.asl.json file given or found (recursively) under a directory given, with
// asl-validator's API (path and ARN checks on). Also checks that every `${` in a string (key or
// value) starts a DefinitionSubstitutions placeholder of the form ${[A-Za-z0-9]+}: anything
// else would be mangled or rejected by CloudFormation's substitution. Prints every failure
// with its file; exit 1 if a file fails or no file was found, 0 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');

/** Every `${...}` in `str` that is not a well-formed ${[A-Za-z0-9]+} placeholder. */
export function badPlaceholders(str) {
  const bad = [];
  for (let i = str.indexOf('${'); i >= 0; i = str.indexOf('${', i + 2)) {
    const m = /^\$\{[A-Za-z0-9]+\}/.exec(str.slice(i));
    if (!m) bad.push(str.slice(i, str.indexOf('}', i) + 1 || undefined));
  }
  return bad;
}

// The fields whose whole value is an entity's address, written as a `${…}` placeholder that the
// template's DefinitionSubstitutions fills in. Other strings are the program's own text, which
// may hold `${` (it reaches the execution as written; cfn_spec.mjs checks that no
// substitution key occurs in it).
const ADDRESS_FIELDS = new Set(['FunctionName', 'StateMachineArn', 'ConnectionArn', 'TableName',
  'Bucket', 'QueueUrl', 'TopicArn', 'StreamName', 'EventBusName']);

/** All problems of one parsed ASL definition, as strings. */
export function checkAsl(definition) {
  const problems = [];
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  if (!result.isValid) problems.push(...new Set(result.errors.map((e) => `${e['Error code']}: ${e.Message}`)));
  const walk = (v, at, field) => {
    if (typeof v === 'string') {
      if (!ADDRESS_FIELDS.has(field) || !v.startsWith('${')) return;
      for (const p of badPlaceholders(v)) problems.push(`${at}: malformed placeholder ${p} (want \${[A-Za-z0-9]+})`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, field));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`, k);
    }
  };
  walk(definition, '$', '');
  return problems;
}

/** The *.asl.json files named by `args` (files as given, directories searched recursively). */
export function findAslFiles(args) {
  const found = [];
  for (const arg of args) {
    if (fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory()) {
      for (const rel of fs.readdirSync(arg, { recursive: true }).sort()) {
        if (String(rel).endsWith('.asl.json')) found.push(path.join(arg, String(rel)));
      }
    } else found.push(arg);
  }
  return found;
}

export function checkAslFile(file) {
  let definition;
  try {
    definition = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`cannot read JSON: ${e.message}`];
  }
  return checkAsl(definition);
}

// ---- CLI
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = findAslFiles(process.argv.slice(2));
  if (!files.length) {
    console.error('asl.mjs: no *.asl.json file found (usage: node tests/validate/asl.mjs FILE_OR_DIR...)');
    process.exit(1);
  }
  let failed = 0;
  for (const file of files) {
    const problems = checkAslFile(file);
    for (const p of problems) console.log(`${file}: ${p}`);
    if (problems.length) failed++;
  }
  console.log(`asl: ${files.length - failed} valid, ${failed} invalid`);
  process.exit(failed ? 1 : 0);
}
