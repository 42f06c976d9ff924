#!/usr/bin/env node
// iam_rules.mjs — asserts that the IAM in a generated CloudFormation template is least-privilege,
// as the compiler promises ("a role that allows exactly the tasks used").
//
//   node tests/validate/iam_rules.mjs TEMPLATE...     (template.yaml or template.json)
//
// Over every permission policy (AWS::IAM::Role inline Policies, AWS::IAM::Policy,
// AWS::IAM::ManagedPolicy, AWS::IAM::RolePolicy):
//   (a) no Action contains "*" (neither "*" nor "s3:*" nor "s3:Get*"); no NotAction/NotResource;
//   (b) every Effect is Allow;
//   (c) Resource "*" only when every action of the statement is in UNSCOPABLE_ACTIONS below, or
//       the statement's Sid starts with "Unscoped" (the compiler's mark for a generic SDK call
//       it could not scope and warned about).
// Over the roles:
//   (d) every AWS::Lambda::Function and AWS::StepFunctions::StateMachine uses its own role:
//       Fn::GetAtt ROLE.Arn of a role in this template, shared with no other function or
//       state machine;
//   (e) each role trusts exactly one service principal (sts:AssumeRole), the one of the
//       resources that run as it (ROLE_USERS below); a role nothing uses is reported too;
//   (f) a role's ManagedPolicyArns name only managed policies defined in this template
//       (an AWS-managed policy would escape rules a–c).
// Prints `FILE: PATH: message` per violation; exit 1 on any.
import { fileURLToPath } from 'node:url';
import { loadTemplate } from './cfn_spec.mjs';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v) => (v === undefined ? [] : [v].flat());

// Actions that cannot be scoped to a resource ARN (AWS's Step Functions guide asks for
// Resource "*" for them in the X-Ray and CloudWatch Logs policies of a state machine).
export const UNSCOPABLE_ACTIONS = new Set([
  // X-Ray tracing of a state machine or function (TracingConfiguration / tracing mode)
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
  // CloudWatch Logs vended-log delivery of a state machine's LoggingConfiguration
  'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
  // Deliberately absent: events:PutEvents (scoped to an event bus ARN) and states:SendTask*
  // (scoped to the state machine ARN, as aws-cdk's grantTaskResponse does).
].map((a) => a.toLowerCase()));

// Where each kind of resource names the role it runs as, and the service principal that
// role must then trust. Extend this table when the compiler emits a new kind of role user.
export const ROLE_USERS = {
  'AWS::Lambda::Function': { principal: 'lambda.amazonaws.com', roles: (p) => [p.Role] },
  'AWS::StepFunctions::StateMachine': { principal: 'states.amazonaws.com', roles: (p) => [p.RoleArn] },
  'AWS::Scheduler::Schedule': { principal: 'scheduler.amazonaws.com', roles: (p) => [p.Target?.RoleArn] },
  'AWS::Events::Rule': { principal: 'events.amazonaws.com', roles: (p) => [p.RoleArn, ...list(p.Targets).map((t) => t?.RoleArn)] },
  'AWS::Pipes::Pipe': { principal: 'pipes.amazonaws.com', roles: (p) => [p.RoleArn] },
  'AWS::ApiGateway::Method': { principal: 'apigateway.amazonaws.com', roles: (p) => [p.Integration?.Credentials] },
  'AWS::ApiGateway::Account': { principal: 'apigateway.amazonaws.com', roles: (p) => [p.CloudWatchRoleArn] },
  'AWS::ApiGatewayV2::Integration': { principal: 'apigateway.amazonaws.com', roles: (p) => [p.CredentialsArn] },
};
// Resources that must each have a role of their own, and the property naming it.
const OWN_ROLE = { 'AWS::Lambda::Function': 'Role', 'AWS::StepFunctions::StateMachine': 'RoleArn' };
const POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy'];


function checkPolicyDocument(doc, path, out) {
  if (typeof doc === 'string') {
    try { doc = JSON.parse(doc); } catch { return out.push([path, 'policy document is not JSON']); }
  }
  if (!isObject(doc)) return out.push([path, 'policy document is not an object']);
  list(doc.Statement).forEach((s, i) => {
    const at = `${path}.Statement[${i}]`;
    if (!isObject(s)) return out.push([at, 'statement is not an object']);
    if (s.Effect !== 'Allow') out.push([at, `Effect must be Allow, got ${JSON.stringify(s.Effect)}`]);
    for (const k of ['NotAction', 'NotResource', 'NotPrincipal']) {
      if (k in s) out.push([at, `${k} is not allowed (it grants everything not listed)`]);
    }
    const actions = list(s.Action);
    if (!actions.length) out.push([at, 'statement has no Action']);
    for (const a of actions) {
      if (typeof a !== 'string') out.push([at, `Action must be a literal string, got ${JSON.stringify(a)}`]);
      else if (a.includes('*')) out.push([at, `Action "${a}" contains a wildcard`]);
    }
    const resources = list(s.Resource);
    if (!resources.length) out.push([at, 'statement has no Resource']);
    if (resources.includes('*') && !String(s.Sid ?? '').startsWith('Unscoped')) {
      const scopable = actions.filter((a) => typeof a === 'string' && !UNSCOPABLE_ACTIONS.has(a.toLowerCase()));
      if (scopable.length) {
        out.push([at, `Resource "*" for actions that can be scoped to a resource: ${scopable.join(', ')}`]);
      }
    }
  });
}

/** The logical ID of the template role that `v` names as Fn::GetAtt ROLE.Arn, else null. */
function roleOf(v, resources) {
  if (!isObject(v) || Object.keys(v).length !== 1 || !('Fn::GetAtt' in v)) return null;
  const arg = v['Fn::GetAtt'];
  const [name, attr] = typeof arg === 'string' ? [arg.split('.')[0], arg.split('.').slice(1).join('.')] : list(arg);
  return attr === 'Arn' && resources[name]?.Type === 'AWS::IAM::Role' ? name : null;
}

function checkTrust(doc, path, out) {
  const services = [];
  list(doc?.Statement).forEach((s, i) => {
    const at = `${path}.Statement[${i}]`;
    if (s?.Effect !== 'Allow') out.push([at, 'trust statement Effect must be Allow']);
    if (list(s?.Action).join() !== 'sts:AssumeRole') out.push([at, 'trust statement Action must be sts:AssumeRole']);
    const p = s?.Principal;
    if (!isObject(p) || Object.keys(p).join() !== 'Service') out.push([at, 'trust Principal must be { Service: ... } only']);
    else services.push(...list(p.Service));
  });
  if (services.length !== 1) out.push([path, `trusts ${services.length} service principals (${services.join(', ')}); expected exactly one`]);
  return services;
}

/** All violations in a parsed template, as strings `PATH: message`. */
export function checkIam(template) {
  const out = [];
  const resources = isObject(template?.Resources) ? template.Resources : {};
  const users = {}; // role -> [[logicalId, type]]
  for (const [name, res] of Object.entries(resources)) {
    if (!isObject(res)) continue; // reported by cfn_spec.mjs
    const props = isObject(res.Properties) ? res.Properties : {};
    const path = `Resources.${name}.Properties`;
    if (res.Type === 'AWS::IAM::Role') {
      list(props.Policies).forEach((p, i) => checkPolicyDocument(p?.PolicyDocument, `${path}.Policies[${i}].PolicyDocument`, out));
      list(props.ManagedPolicyArns).forEach((arn, i) => {
        const ref = isObject(arn) ? arn.Ref : undefined;
        if (resources[ref]?.Type !== 'AWS::IAM::ManagedPolicy') {
          out.push([`${path}.ManagedPolicyArns[${i}]`, `must Ref an AWS::IAM::ManagedPolicy of this template, got ${JSON.stringify(arn)}`]);
        }
      });
    } else if (POLICY_TYPES.includes(res.Type)) {
      checkPolicyDocument(props.PolicyDocument, `${path}.PolicyDocument`, out);
    }
    for (const v of ROLE_USERS[res.Type]?.roles(props) ?? []) {
      const role = roleOf(v, resources);
      if (role) (users[role] ??= []).push([name, res.Type]);
    }
    const roleProp = OWN_ROLE[res.Type];
    if (roleProp && !roleOf(props[roleProp], resources)) {
      out.push([`${path}.${roleProp}`, `${res.Type} must use a role of this template (Fn::GetAtt ROLE.Arn), got ${JSON.stringify(props[roleProp])}`]);
    }
  }
  for (const [role, res] of Object.entries(resources)) {
    if (res?.Type !== 'AWS::IAM::Role') continue;
    const path = `Resources.${role}.Properties`;
    const used = users[role] ?? [];
    const owners = used.filter(([, type]) => type in OWN_ROLE).map(([n]) => n);
    if (owners.length > 1) out.push([path, `role is shared by ${owners.join(', ')}; each function and state machine needs its own role`]);
    const services = checkTrust(res.Properties?.AssumeRolePolicyDocument, `${path}.AssumeRolePolicyDocument`, out);
    if (!used.length) out.push([path, 'role is not used by any resource of the template (see ROLE_USERS)']);
    for (const [user, type] of used) {
      const want = ROLE_USERS[type].principal;
      if (services.length === 1 && services[0] !== want) {
        out.push([path, `trusts ${services[0]} but is used by ${user} (${type}), which needs ${want}`]);
      }
    }
  }
  return out.map(([path, msg]) => `${path}: ${msg}`);
}

// ---- CLI
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node tests/validate/iam_rules.mjs TEMPLATE...');
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    let problems;
    try {
      problems = checkIam(loadTemplate(file));
    } catch (e) {
      problems = [`(parse): ${e.message}`];
    }
    for (const p of problems) console.log(`${file}: ${p}`);
    if (problems.length) failed = true;
    else console.log(`${file}: ok`);
  }
  process.exit(failed ? 1 : 0);
}
