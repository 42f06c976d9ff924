#!/usr/bin/env node
// outputs.mjs — validates whole `caios build` output folders with the independent checkers:
// every statemachines/*.asl.json with asl-validator (asl.mjs), every template.yaml/.json with
// the CloudFormation resource specification (cfn_spec.mjs) and the least-privilege IAM rules
// (iam_rules.mjs), and every functions/*.json against the shape `aws lambda create-function
// --cli-input-json` takes.
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

// CreateFunction request members (Lambda API reference) minus Role and Code, which the
// template supplies.
const LAMBDA_KEYS = new Set(['FunctionName', 'Runtime', 'Handler', 'Description', 'Timeout',
  'MemorySize', 'Publish', 'VpcConfig', 'PackageType', 'DeadLetterConfig', 'Environment',
  'KMSKeyArn', 'TracingConfig', 'Tags', 'Layers', 'FileSystemConfigs', 'ImageConfig',
  'CodeSigningConfigArn', 'Architectures', 'EphemeralStorage', 'SnapStart', 'LoggingConfig']);

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function checkLambdaConfig(file) {
  const problems = [];
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const key of Object.keys(config)) {
    if (!LAMBDA_KEYS.has(key)) problems.push(`unknown CreateFunction member ${key}`);
  }
  if (typeof config.FunctionName !== 'string') problems.push('FunctionName missing');
  if (config.PackageType !== 'Image' && (!config.Runtime || !config.Handler)) {
    problems.push('a zip function needs Runtime and Handler');
  }
  return problems;
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
for (const f of files.sort()) {
  const base = path.basename(f);
  if (f.endsWith('.asl.json')) report(f, checkAslFile(f));
  else if (base === 'template.yaml' || base === 'template.json') {
    const t = loadTemplate(f);
    report(f, [...checkTemplate(t, spec), ...checkIam(t)]);
  } else if (path.basename(path.dirname(f)) === 'functions' && f.endsWith('.json')) {
    report(f, checkLambdaConfig(f));
  }
}
console.log(`outputs: ${checked} files checked, ${failures} with problems`);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
