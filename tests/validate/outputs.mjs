#!/usr/bin/env node
// outputs.mjs — validates whole `caios build` output folders with the independent checkers:
// every statemachines/*.asl.json with asl-validator (asl.mjs), every template.yaml/.json with
// the CloudFormation resource specification (cfn_spec.mjs) and the least-privilege IAM rules
// (iam_rules.mjs), and every functions/*.json against the shape `aws lambda create-function
// --cli-input-json` takes and the function of the template beside it (lambda_configs.mjs).
//
//   node tests/validate/outputs.mjs DIR...     (each DIR is searched recursively)
//
// Exit 1 on any problem or when a folder holds no output at all; 77 when node_modules is
// missing (the test is skipped unless CI is set).
import fs from 'node:fs';
import path from 'node:path';

if (!fs.existsSync(new URL('../../node_modules/asl-validator', import.meta.url))) {
  console.error('outputs: node_modules missing (run `npm ci`)');
  process.exit(process.env.CI ? 1 : 77);
}
const { checkAslFile } = await import('./asl.mjs');
const { checkTemplate, loadTemplate, loadSpec } = await import('./cfn_spec.mjs');
const { checkIam } = await import('./iam_rules.mjs');
const { checkLambdaConfig, checkFunctionAgreement } = await import('./lambda_configs.mjs');

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const dirs = process.argv.slice(2);
let files = [];
for (const d of dirs) if (fs.existsSync(d)) files = files.concat(walk(d));
let failures = 0, checked = 0;
const report = (file, problems) => {
  checked++;
  for (const p of problems) console.error(`${file}: ${p}`);
  if (problems.length) failures++;
};
const spec = loadSpec();
const configsOf = new Map();  // output folder → [[file, functions/*.json], …]
for (const f of files.sort()) {
  const base = path.basename(f);
  if (f.endsWith('.asl.json')) report(f, checkAslFile(f));
  else if (base === 'template.yaml' || base === 'template.json') {
    const t = loadTemplate(f);
    report(f, [...checkTemplate(t, spec), ...checkIam(t)]);
  } else if (path.basename(path.dirname(f)) === 'functions' && f.endsWith('.json')) {
    const config = JSON.parse(fs.readFileSync(f, 'utf8'));
    report(f, checkLambdaConfig(config));
    const out = path.dirname(path.dirname(f));
    if (!configsOf.has(out)) configsOf.set(out, []);
    configsOf.get(out).push([f, config]);
  }
}
// Every output folder: its functions/*.json agree with its template.
for (const f of files) {
  const base = path.basename(f);
  if (base !== 'template.yaml' && base !== 'template.json') continue;
  const problems = checkFunctionAgreement(loadTemplate(f), configsOf.get(path.dirname(f)) ?? []);
  report(`${path.dirname(f)} (functions)`, problems.map(([where, p]) => `${where}: ${p}`));
}
console.log(`outputs: ${checked} files checked, ${failures} with problems`);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
