#!/usr/bin/env node
// selftest.mjs — proves the validators can fail: each one is run on the fixtures in
// fixtures/ (good ones must be accepted, each bad one rejected with exactly the expected
// problems), then each CLI is spawned once to check its exit codes.
//
//   node tests/validate/selftest.mjs        (after `npm ci` at the repo root)
//
// A bad fixture passes when every problem reported matches one of its expected fragments and
// every fragment matches a problem, so a validator that starts reporting spurious problems
// fails here too. Every fixture file must appear in CASES. Exit 1 on any unexpected outcome,
// 77 (skipped) when node_modules is missing and CI is not set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Like tests/tools/validate_sarif.mjs: exit 77 (CTest: skipped) without `npm ci`, unless CI is set.
const needed = ['asl-validator', '@aws-cdk/aws-service-spec', 'yaml'];
if (!needed.every((m) => fs.existsSync(path.join(here, '..', '..', 'node_modules', m)))) {
  console.error(`validators need the npm test dependencies (${needed.join(', ')}): run \`npm ci\` at the repo root`);
  process.exit(process.env.CI ? 1 : 77);
}
const { badPlaceholders, checkAslFile } = await import('./asl.mjs');
const { checkTemplate, loadTemplate, parseTemplate } = await import('./cfn_spec.mjs');
const { checkIam } = await import('./iam_rules.mjs');
const { checkFunctionAgreement } = await import('./lambda_configs.mjs');
const fixture = (name) => path.join(here, 'fixtures', name);
const CHECKERS = {
  asl: (file) => checkAslFile(file),
  cfn: (file) => checkTemplate(loadTemplate(file)),
  iam: (file) => checkIam(loadTemplate(file)),
};

// [checker, fixture, expected message fragments: [] means the fixture must be accepted]
const CASES = [
  ['asl', 'good.asl.json', []],
  ['asl', 'bad-jsonata.asl.json', ['/States/Echo/Output/x is invalid']],
  ['asl', 'bad-jsonpath-field.asl.json', ['/States/Charge/QueryLanguage is invalid']],
  ['asl', 'bad-transition.asl.json', ["Missing 'StartAt'|'Next'|'Default' target: Second", 'State Last is not reachable']],
  ['asl', 'bad-placeholder.asl.json', ['Arguments.FunctionName: malformed placeholder ${Charge-Function.Arn}']],
  ['cfn', 'good.template.yaml', []],
  ['iam', 'good.template.yaml', []],
  ['cfn', 'bad-unknown-type.template.yaml', ['Resources.Uploads.Type: unknown resource type AWS::S3::Bukket']],
  ['cfn', 'bad-unknown-property.template.yaml', ['unknown property "VisibilityTimeOut" for AWS::SQS::Queue']],
  ['cfn', 'bad-missing-required.template.yaml', ['missing required property "KeySchema" of AWS::DynamoDB::Table']],
  ['cfn', 'bad-wrong-type.template.yaml', ['Environment.Variables: expected map of string']],
  ['cfn', 'bad-ref.template.yaml', ['Ref to unknown name "TopicNameParam"']],
  ['cfn', 'bad-getatt.template.yaml', ['JobsQueue (AWS::SQS::Queue) has no attribute "Url"']],
  ['cfn', 'bad-sub.template.yaml', ['Fn::Sub variable "${Servce}"']],
  ['cfn', 'bad-function-order.template.yaml', ['Resources.APermission.Properties.FunctionName: names its function without a reference to the resource (no creation order)']],
  ['cfn', 'bad-cycle.template.yaml', ['circular dependency: ARole -> BFunction -> BRole -> AFunction -> ARole']],
  ['cfn', 'bad-misc.template.yaml', [
    'unknown top-level section "Parametres"',
    'DependsOn target "Nowhere" is not another resource',
    'VisibilityTimeout: expected integer, got "sixty"',
    'Tags[0]: missing required property "Value" of Tag',
    'StateMachineType: "SLOW" is not one of STANDARD, EXPRESS',
    'placeholder ${Mesage} has no DefinitionSubstitutions entry',
    "${QueueUrl} appears in the definition's own text, which CloudFormation would replace",
    'Send.Parameters.MessageBody: dynamic reference "${QueueUrl} {{resolve:ssm:/p}}"',
    'JobsQueue.Properties.Tags[1].Value: dynamic reference "{{resolve:ssm:/k}}"',
    'attribute target "Stage" is a parameter, not a resource',
    'Fn::If: no condition "IsProd"',
    'LogGroupName.Fn::Sub: JobsQueue (AWS::SQS::Queue) has no attribute "Url"',
    'Outputs.Arn.Value.Ref: Ref to unknown name "Machin"',
  ]],
  ['iam', 'bad-iam-action-star.template.yaml', ['Action "*" contains a wildcard']],
  ['iam', 'bad-iam-service-star.template.yaml', ['Action "s3:*" contains a wildcard']],
  ['iam', 'bad-iam-resource-star.template.yaml', ['Resource "*" for actions that can be scoped to a resource: dynamodb:PutItem']],
  ['iam', 'bad-iam-deny.template.yaml', ['Effect must be Allow, got "Deny"']],
  ['iam', 'bad-iam-shared-role.template.yaml', ['role is shared by Charge, Refund']],
  ['iam', 'bad-iam-trust.template.yaml', [
    'MachineRole.Properties: trusts lambda.amazonaws.com but is used by Machine',
    'trusts 2 service principals',
    'SpareRole.Properties: role is not used by any resource',
    'ManagedPolicyArns[0]: must Ref an AWS::IAM::ManagedPolicy of this template',
    'Fn.Properties.Role: AWS::Lambda::Function must use a role of this template',
  ]],
];

let passed = 0;
let failed = 0;
function test(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.message).replaceAll('\n', '\n     ')}`);
  }
}

for (const [checker, name, expected] of CASES) {
  test(`${checker} ${name}`, () => {
    const problems = CHECKERS[checker](fixture(name));
    const unexpected = problems.filter((p) => !expected.some((f) => p.includes(f)));
    const missing = expected.filter((f) => !problems.some((p) => p.includes(f)));
    assert.ok(!unexpected.length && !missing.length,
      [...unexpected.map((p) => `unexpected: ${p}`), ...missing.map((f) => `not reported: ${f}`)].join('\n'));
  });
}

test('every fixture is used by a case', () => {
  const used = new Set(CASES.map(([, name]) => name));
  const unused = fs.readdirSync(path.join(here, 'fixtures')).filter((f) => !used.has(f));
  assert.deepEqual(unused, []);
});

test('YAML short-form tags map to the long form', () => {
  const t = parseTemplate('A: !GetAtt Db.Endpoint.Address\nB: !Sub ["${x}", { x: !Ref P }]\nC: !If [c, !Ref "AWS::NoValue", 1]\n');
  assert.deepEqual(t, {
    A: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
    B: { 'Fn::Sub': ['${x}', { x: { Ref: 'P' } }] },
    C: { 'Fn::If': ['c', { Ref: 'AWS::NoValue' }, 1] },
  });
});

test('a JSON template checks like its YAML form', () => {
  const json = JSON.stringify(loadTemplate(fixture('good.template.yaml')));
  assert.deepEqual(checkTemplate(parseTemplate(json)), []);
  assert.deepEqual(checkIam(parseTemplate(json)), []);
});

test('functions/*.json agree with the template', () => {
  const template = {
    Resources: {
      PriceFunction: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.13', Handler: 'main.handler', Timeout: 10, Environment: { Variables: { A: 'x' } } } },
      SpareFunction: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.13', Handler: 'main.handler' } },
      Jobs: { Type: 'AWS::SQS::Queue' },
    },
  };
  const price = { FunctionName: '${PriceFunctionName}', Runtime: 'python3.13', Handler: 'main.handler', Timeout: 10, Environment: { Variables: { A: 'x' } } };
  const spare = { FunctionName: '${SpareFunctionName}', PackageType: 'Zip', Runtime: 'python3.13', Handler: 'main.handler', MemorySize: 128 };
  assert.deepEqual(checkFunctionAgreement(template, [['price.json', price], ['spare.json', spare]]), []);
  const problems = checkFunctionAgreement(template, [
    ['price.json', { ...price, FunctionName: 'price' }],
    ['spare.json', { ...spare, Timeout: 30 }],
    ['jobs.json', { ...spare, FunctionName: '${JobsName}' }],
  ]).map(([where, p]) => `${where}: ${p}`);
  assert.deepEqual(problems, [
    'price.json: FunctionName "price" is not the placeholder of a template resource\'s name',
    'spare.json: Timeout 30 differs from SpareFunction\'s 3',
    'jobs.json: FunctionName names Jobs, which is not a function of the template',
    'PriceFunction: no functions/*.json describes this function',
  ]);
});

test('placeholder syntax', () => {
  assert.deepEqual(badPlaceholders('${Ok1} ${AlsoOk} {% $x %}'), []);
  assert.deepEqual(badPlaceholders('${a.b} ${} ${a b}'), ['${a.b}', '${}', '${a b}']);
});

// The command-line front ends: exit codes and output format.
function run(script, ...args) {
  return spawnSync(process.execPath, [path.join(here, script), ...args], { encoding: 'utf8' });
}
test('CLI exit codes', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'caios-validate-'));
  try {
    assert.equal(run('asl.mjs', fixture('good.asl.json')).status, 0);
    assert.equal(run('asl.mjs', empty).status, 1, 'no *.asl.json found must fail');
    const bad = run('asl.mjs', fixture('good.asl.json'), fixture('bad-transition.asl.json'));
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /bad-transition\.asl\.json: MISSING_TRANSITION_TARGET/);
    assert.equal(run('cfn_spec.mjs', fixture('good.template.yaml')).status, 0);
    const cfn = run('cfn_spec.mjs', fixture('bad-ref.template.yaml'));
    assert.equal(cfn.status, 1);
    assert.match(cfn.stdout, /bad-ref\.template\.yaml: Resources\.Topic\.Properties\.TopicName\.Ref: /);
    assert.equal(run('iam_rules.mjs', fixture('good.template.yaml')).status, 0);
    assert.equal(run('iam_rules.mjs', fixture('bad-iam-deny.template.yaml')).status, 1);
  } finally {
    fs.rmSync(empty, { recursive: true });
  }
});

console.log(`selftest: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
