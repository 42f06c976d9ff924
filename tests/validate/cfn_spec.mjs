#!/usr/bin/env node
// cfn_spec.mjs — checks generated CloudFormation templates against AWS's own resource
// specification, so that a template the compiler emits is one CloudFormation would accept.
//
//   node tests/validate/cfn_spec.mjs TEMPLATE...     (template.yaml or template.json)
//
// The specification is the database shipped in @aws-cdk/aws-service-spec (db.json.gz, loaded
// with its loadAwsServiceSpecSync()). For every resource it checks: the type exists; every
// property exists; required properties are present; values have the specified types
// (recursively through nested property types; an intrinsic function is accepted wherever a
// value is expected). Everywhere in the template it checks intrinsic targets: Ref names a
// parameter, resource or pseudo parameter; Fn::GetAtt names a resource and one of its
// attributes; every ${X} / ${X.Attr} in Fn::Sub resolves; Fn::If / Condition name a condition;
// DependsOn names resources; the resources' references (Ref, Fn::GetAtt, Fn::Sub, DependsOn)
// have no cycle, which CloudFormation rejects ("Circular dependency between resources"); a
// Lambda permission, event source mapping, URL, version or alias refers to its function's
// resource (not only its name), so that it is created after it.
// Top-level sections must be known. A state machine's
// `${Name}` placeholders in Definition must all have a DefinitionSubstitutions entry.
// Prints `FILE: PATH: message` per problem; exit 1 on any problem.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);

export const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue',
  'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Parameters', 'Resources',
  'Outputs', 'Conditions', 'Mappings', 'Metadata', 'Transform', 'Rules']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata',
  'DeletionPolicy', 'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy']);
const OUTPUT_KEYS = new Set(['Value', 'Description', 'Export', 'Condition']);
const FUNCTION_ATTACHMENTS = new Set(['AWS::Lambda::Permission', 'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Url', 'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::Version', 'AWS::Lambda::Alias']);
const FUNCTIONS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select',
  'Fn::Split', 'Fn::FindInMap', 'Fn::Base64', 'Fn::Cidr', 'Fn::GetAZs', 'Fn::ImportValue',
  'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::Transform', 'Fn::Length', 'Fn::ToJsonString']);

/** 'A.B.C' -> ['A', 'B.C'] (Fn::GetAtt's string form; attribute names may contain dots). */
const splitAtFirstDot = (s) => (s.includes('.') ? [s.slice(0, s.indexOf('.')), s.slice(s.indexOf('.') + 1)] : [s]);

// ---- loading: JSON, or YAML with the short-form tags mapped to their long form
const SHORT_TAGS = new Map([['!Ref', 'Ref'], ['!Condition', 'Condition'],
  ...[...FUNCTIONS].filter((f) => f.startsWith('Fn::')).map((f) => [`!${f.slice(4)}`, f])]);

/** Parses template text (JSON or YAML with CloudFormation short-form tags) to a plain object. */
export function parseTemplate(text) {
  const doc = YAML.parseDocument(text, { customTags: [] }); // '!' tags are resolved below
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  const plain = (node) => {
    if (YAML.isAlias(node)) return plain(node.resolve(doc));
    let value = null;
    if (YAML.isScalar(node)) value = node.value;
    else if (YAML.isSeq(node)) value = node.items.map(plain);
    else if (YAML.isMap(node)) {
      value = {};
      for (const pair of node.items) value[String(plain(pair.key))] = plain(pair.value);
    }
    const tag = node?.tag;
    if (!tag || !tag.startsWith('!')) return value; // untagged, or a standard !!tag
    const fn = SHORT_TAGS.get(tag);
    if (!fn) throw new Error(`unknown YAML tag ${tag}`);
    if (fn === 'Fn::GetAtt' && typeof value === 'string') value = splitAtFirstDot(value);
    return { [fn]: value };
  };
  return plain(doc.contents);
}

export function loadTemplate(file) {
  return parseTemplate(fs.readFileSync(file, 'utf8'));
}

let specDb;
/** The CloudFormation resource specification database of @aws-cdk/aws-service-spec. */
export function loadSpec() {
  specDb ??= require('@aws-cdk/aws-service-spec').loadAwsServiceSpecSync();
  return specDb;
}

function resourceSpec(db, type) {
  return db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** An intrinsic function call: an object with the single key Ref or Fn::*. */
export const isIntrinsic = (v) => isObject(v) && Object.keys(v).length === 1 &&
  (Object.keys(v)[0] === 'Ref' || Object.keys(v)[0].startsWith('Fn::'));
const isCustom = (type) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';

// ---- property types
// The legacy 'tag' type of the spec: { Key, Value }.
const TAG_PROPERTIES = { Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true } };

function describe(db, t) {
  switch (t.type) {
    case 'array': return `list of ${describe(db, t.element)}`;
    case 'map': return `map of ${describe(db, t.element)}`;
    case 'ref': return `object ${db.get('typeDefinition', t.reference.$ref).name}`;
    case 'union': return t.types.map((u) => describe(db, u)).join(' | ');
    default: return t.type;
  }
}

function shapeFits(value, t) {
  switch (t.type) {
    case 'string': case 'date-time': return typeof value === 'string';
    case 'number': case 'integer': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'map': case 'ref': case 'tag': return isObject(value);
    case 'null': return value === null;
    default: return true;
  }
}

/** Appends to `out` the problems of `value` against spec type `t`, as [path, message]. */
function checkValue(db, value, t, path, out) {
  if (isIntrinsic(value)) return; // its targets are checked by checkIntrinsics
  const bad = () => out.push([path, `expected ${describe(db, t)}, got ${JSON.stringify(value)}`]);
  switch (t.type) {
    case 'json': return;
    case 'string': case 'date-time': case 'boolean': case 'number': case 'null':
      if (!shapeFits(value, t)) return bad();
      if (t.allowedValues && !t.allowedValues.includes(value)) {
        out.push([path, `${JSON.stringify(value)} is not one of ${t.allowedValues.join(', ')}`]);
      }
      return;
    case 'integer':
      if (!Number.isInteger(value)) return bad();
      if (t.allowedValues && !t.allowedValues.includes(value)) {
        out.push([path, `${value} is not one of ${t.allowedValues.join(', ')}`]);
      }
      return;
    case 'array':
      if (!Array.isArray(value)) return bad();
      value.forEach((v, i) => checkValue(db, v, t.element, `${path}[${i}]`, out));
      return;
    case 'map':
      if (!isObject(value)) return bad();
      for (const [k, v] of Object.entries(value)) checkValue(db, v, t.element, `${path}.${k}`, out);
      return;
    case 'tag':
      checkProperties(db, value, TAG_PROPERTIES, 'Tag', path, out);
      return;
    case 'ref': {
      const def = db.get('typeDefinition', t.reference.$ref);
      checkProperties(db, value, def.properties, def.name, path, out);
      return;
    }
    case 'union': {
      const tries = t.types.map((u) => { const o = []; checkValue(db, value, u, path, o); return o; });
      if (tries.some((o) => o.length === 0)) return;
      const fitting = t.types.map((u, i) => (shapeFits(value, u) ? tries[i] : null)).filter(Boolean);
      if (fitting.length === 1) out.push(...fitting[0]);
      else bad();
      return;
    }
    default:
      out.push([path, `unsupported spec type ${t.type}`]);
  }
}

function checkProperties(db, obj, specProps, typeName, path, out) {
  if (isIntrinsic(obj)) return;
  if (!isObject(obj)) return out.push([path, `expected object ${typeName}, got ${JSON.stringify(obj)}`]);
  for (const [name, value] of Object.entries(obj)) {
    const p = specProps[name];
    if (!p) out.push([`${path}.${name}`, `unknown property "${name}" for ${typeName}`]);
    else checkValue(db, value, p.type, `${path}.${name}`, out); // current type; not previousTypes
  }
  for (const [name, p] of Object.entries(specProps)) {
    if (p.required && !(name in obj)) out.push([path, `missing required property "${name}" of ${typeName}`]);
  }
}

// ---- intrinsic functions, anywhere in the template
function checkAttribute(ctx, resName, attr, path, out) {
  const res = ctx.resources[resName];
  if (!isObject(res)) {
    const what = resName in ctx.parameters ? 'is a parameter, not a resource' : 'is no resource of the template';
    return out.push([path, `attribute target "${resName}" ${what}`]);
  }
  if (typeof attr !== 'string') return; // computed attribute name: cannot check
  const type = res.Type;
  if (typeof type !== 'string' || isCustom(type)) return;
  if (type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.')) return;
  const spec = resourceSpec(ctx.db, type);
  if (spec && !(attr in spec.attributes)) {
    out.push([path, `${resName} (${type}) has no attribute "${attr}"` +
      ` (has: ${Object.keys(spec.attributes).join(', ') || 'none'})`]);
  }
}

function checkRefTarget(ctx, name, path, out) {
  if (typeof name !== 'string') return out.push([path, 'Ref target must be a string']);
  if (PSEUDO_PARAMETERS.has(name) || name in ctx.resources || name in ctx.parameters) return;
  out.push([path, `Ref to unknown name "${name}" (not a parameter, resource or pseudo parameter)`]);
}

/** ${X} and ${X.Attr} names of an Fn::Sub string (${!Literal} is an escape). */
export function subVariables(str) {
  return [...str.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).filter((n) => !n.startsWith('!'));
}

function checkSub(ctx, arg, path, out) {
  const [str, vars] = Array.isArray(arg) ? arg : [arg, {}];
  if (typeof str !== 'string' || !isObject(vars)) {
    return out.push([path, 'Fn::Sub takes a string or [string, {variables}]']);
  }
  for (const name of subVariables(str)) {
    if (name in vars || PSEUDO_PARAMETERS.has(name) || name in ctx.parameters || name in ctx.resources) continue;
    const [res, attr] = splitAtFirstDot(name);
    if (attr !== undefined && res in ctx.resources) checkAttribute(ctx, res, attr, path, out);
    else {
      out.push([path, `Fn::Sub variable "\${${name}}" is not a parameter, resource, attribute, pseudo parameter or Sub variable`]);
    }
  }
}

function checkIntrinsics(ctx, node, path, out) {
  if (Array.isArray(node)) return node.forEach((v, i) => checkIntrinsics(ctx, v, `${path}[${i}]`, out));
  if (!isObject(node)) return;
  if (isIntrinsic(node)) {
    const [fn, arg] = Object.entries(node)[0];
    const at = `${path}.${fn}`;
    if (!FUNCTIONS.has(fn)) out.push([at, `unknown intrinsic function ${fn}`]);
    else if (fn === 'Ref') checkRefTarget(ctx, arg, at, out);
    else if (fn === 'Fn::GetAtt') {
      const [res, attr] = typeof arg === 'string' ? splitAtFirstDot(arg) : Array.isArray(arg) ? arg : [];
      if (typeof res !== 'string' || attr === undefined) out.push([at, 'Fn::GetAtt takes [resource, attribute]']);
      else checkAttribute(ctx, res, attr, at, out);
    } else if (fn === 'Fn::Sub') checkSub(ctx, arg, at, out);
    else if (fn === 'Fn::If' && !(Array.isArray(arg) && arg.length === 3)) out.push([at, 'Fn::If takes [condition, then, else]']);
    else if (fn === 'Fn::If' && !(arg[0] in ctx.conditions)) out.push([at, `Fn::If: no condition "${arg[0]}"`]);
    else if (fn === 'Fn::FindInMap' && typeof arg?.[0] === 'string' && !(arg[0] in ctx.mappings)) {
      out.push([at, `Fn::FindInMap: no mapping "${arg[0]}"`]);
    }
  }
  for (const [k, v] of Object.entries(node)) checkIntrinsics(ctx, v, `${path}.${k}`, out);
}

/** The resources `node` refers to through Ref, Fn::GetAtt and Fn::Sub. */
function referencedResources(ctx, node, into) {
  if (Array.isArray(node)) return node.forEach((v) => referencedResources(ctx, v, into));
  if (!isObject(node)) return into;
  if (isIntrinsic(node)) {
    const [fn, arg] = Object.entries(node)[0];
    if (fn === 'Ref' && typeof arg === 'string' && arg in ctx.resources) into.add(arg);
    if (fn === 'Fn::GetAtt') {
      const [res] = typeof arg === 'string' ? splitAtFirstDot(arg) : Array.isArray(arg) ? arg : [];
      if (res in ctx.resources) into.add(res);
    }
    if (fn === 'Fn::Sub') {
      const [str, vars] = Array.isArray(arg) ? arg : [arg, {}];
      if (typeof str === 'string') {
        for (const name of subVariables(str)) {
          const [res] = splitAtFirstDot(name);
          if (!(isObject(vars) && name in vars) && res in ctx.resources) into.add(res);
        }
      }
    }
  }
  for (const v of Object.values(node)) referencedResources(ctx, v, into);
  return into;
}

/** Each cycle of resource dependencies once, as the list of resources around it. */
function dependencyCycles(ctx) {
  const edges = new Map();
  for (const [name, res] of Object.entries(ctx.resources)) {
    if (!isObject(res)) continue;
    const deps = referencedResources(ctx, res.Properties ?? {}, new Set());
    for (const d of [res.DependsOn ?? []].flat()) if (typeof d === 'string' && d in ctx.resources) deps.add(d);
    deps.delete(name);  // a Sub of the resource's own attributes is rejected elsewhere
    edges.set(name, [...deps]);
  }
  const state = new Map();  // 1: on the current path, 2: done
  const cycles = [];
  const visit = (name, trail) => {
    state.set(name, 1);
    trail.push(name);
    for (const next of edges.get(name) ?? []) {
      if (state.get(next) === 1) cycles.push([...trail.slice(trail.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, trail);
    }
    trail.pop();
    state.set(name, 2);
  };
  for (const name of edges.keys()) if (!state.has(name)) visit(name, []);
  return cycles;
}

// The fields of a definition whose whole value is an entity's address (ARN, name or URL),
// written as a placeholder.
const ADDRESS_FIELDS = new Set(['FunctionName', 'StateMachineArn', 'ConnectionArn', 'TableName',
  'Bucket', 'QueueUrl', 'TopicArn', 'StreamName', 'EventBusName']);

/** DefinitionSubstitutions of a state machine. CloudFormation replaces every `${KEY}` of the
 *  map anywhere in the definition's text, so:
 *  - a placeholder in an address field must have an entry (else it is not substituted);
 *  - every key must occur only where an entity's address is written (docs/language.md,
 *    "Resources as values"): a whole string value, a JSONata string literal `"${KEY}"` inside a
 *    `{% … %}` expression, or the text of a JSONPath payload string (`s3://${KEY}/in/`), never
 *    in an object key, elsewhere in an expression or in an intrinsic function: there it would
 *    replace program text at deployment.
 *  (A `{{resolve:` in the definition is checkDynamicReferences'.) */
function checkSubstitutions(props, path, out) {
  const keys = isObject(props.DefinitionSubstitutions) ? props.DefinitionSubstitutions : {};
  const missing = new Set();
  const forged = new Set();
  const text = (str) => {
    for (const n of subVariables(str)) if (n in keys) forged.add(n);
  };
  const value = (str) => {
    if (/^\{%[\s\S]*%\}$/.test(str)) return text(str.replaceAll(/"\$\{[^}"]+\}"/g, '""'));
    if (str.startsWith('States.')) return text(str);
  };
  const walk = (v, field) => {
    if (typeof v === 'string') {
      const whole = /^\$\{([^}]+)\}$/.exec(v);
      if (whole && ADDRESS_FIELDS.has(field)) {
        if (!(whole[1] in keys)) missing.add(whole[1]);
      } else if (!whole) value(v);
    } else if (Array.isArray(v)) v.forEach((e) => walk(e, field));
    else if (v && typeof v === 'object') {
      for (const [k, e] of Object.entries(v)) { text(k); walk(e, k); }
    }
  };
  walk(props.Definition, '');
  if (typeof props.DefinitionString === 'string') text(props.DefinitionString);
  for (const n of missing) out.push([`${path}.Definition`, `placeholder \${${n}} has no DefinitionSubstitutions entry`]);
  for (const n of forged) out.push([`${path}.Definition`, `\${${n}} appears in the definition's own text, which CloudFormation would replace`]);
}

// The one dynamic reference the compiler writes: a connection's credentials from the secret
// its program names (a Secrets Manager name, optionally one JSON key of it).
const CONNECTION_SECRET = /^\{\{resolve:secretsmanager:[A-Za-z0-9/_+=.@-]+(:SecretString:[a-z_]+)?\}\}$/;

/** `{{resolve:…}}` anywhere in a resource is resolved at deployment: only the connection
 *  secrets above may appear (a string of the program never may, E0640). */
function checkDynamicReferences(type, v, path, out) {
  if (typeof v === 'string') {
    if (v.includes('{{resolve:') && !(type === 'AWS::Events::Connection' && CONNECTION_SECRET.test(v))) {
      out.push([path, `dynamic reference ${JSON.stringify(v)}`]);
    }
  } else if (Array.isArray(v)) v.forEach((e, i) => checkDynamicReferences(type, e, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const [k, e] of Object.entries(v)) checkDynamicReferences(type, e, `${path}.${k}`, out);
  }
}

/** All problems of a parsed template, as strings `PATH: message`. */
// Properties that `aws cloudformation package` rewrites: before packaging they hold a local path
// (a string), which the command uploads and replaces with the S3 location the spec describes
// ("aws cloudformation package" in the AWS CLI reference lists them).
const PACKAGED_PROPERTIES = {
  'AWS::Lambda::Function': 'Code',
  'AWS::Lambda::LayerVersion': 'Content',
  'AWS::StepFunctions::StateMachine': 'DefinitionS3Location',
  'AWS::AppSync::GraphQLSchema': 'DefinitionS3Location',
  'AWS::ApiGateway::RestApi': 'BodyS3Location',
};
function withoutPackagedPath(type, props) {
  const key = PACKAGED_PROPERTIES[type];
  if (!key || !isObject(props) || typeof props[key] !== 'string') return [props, []];
  const rest = { ...props };
  delete rest[key];
  const problems = props[key].length ? [] : [[key, 'empty local path']];
  // The property stays present (as an intrinsic) for the required-property check.
  rest[key] = { Ref: 'AWS::NoValue' };
  return [rest, problems];
}

// Whether `value` (a FunctionName) is the name or parameter of a function the template's
// `Caios::Existing` metadata lists.
function namesExistingFunction(template, value) {
  const existing = template?.Metadata?.['Caios::Existing'];
  if (!isObject(existing)) return false;
  return Object.values(existing).some((e) => e.Kind === 'function' &&
    ((typeof value === 'string' && value === e.Name) ||
     (isObject(value) && e.Parameter !== undefined && value.Ref === e.Parameter)));
}

export function checkTemplate(template, db = loadSpec()) {
  const out = [];
  if (!isObject(template)) return ['(root): template is not an object'];
  for (const k of Object.keys(template)) if (!TOP_LEVEL.has(k)) out.push([k, `unknown top-level section "${k}"`]);
  const section = (k) => (isObject(template[k]) ? template[k] : {});
  const ctx = { db, resources: section('Resources'), parameters: section('Parameters'),
    conditions: section('Conditions'), mappings: section('Mappings') };
  if (!isObject(template.Resources) || !Object.keys(ctx.resources).length) {
    out.push(['Resources', 'missing or empty Resources section']);
  }
  for (const [name, p] of Object.entries(ctx.parameters)) {
    if (!isObject(p) || typeof p.Type !== 'string') out.push([`Parameters.${name}`, 'parameter without Type']);
  }
  for (const [name, res] of Object.entries(ctx.resources)) {
    const path = `Resources.${name}`;
    if (!isObject(res) || typeof res.Type !== 'string') { out.push([path, 'resource without Type']); continue; }
    for (const k of Object.keys(res)) if (!RESOURCE_KEYS.has(k)) out.push([`${path}.${k}`, `unknown resource attribute "${k}"`]);
    const deps = res.DependsOn === undefined ? [] : [res.DependsOn].flat();
    for (const d of deps) {
      if (typeof d !== 'string' || !(d in ctx.resources) || d === name) out.push([`${path}.DependsOn`, `DependsOn target "${d}" is not another resource`]);
    }
    if (res.Condition !== undefined && !(res.Condition in ctx.conditions)) {
      out.push([`${path}.Condition`, `no condition "${res.Condition}"`]);
    }
    const [props, packaged] = withoutPackagedPath(res.Type, res.Properties ?? {});
    for (const [k, msg] of packaged) out.push([`${path}.Properties.${k}`, msg]);
    if (isCustom(res.Type)) {
      if (!isObject(props) || !('ServiceToken' in props)) out.push([`${path}.Properties`, 'custom resource without ServiceToken']);
    } else {
      const spec = resourceSpec(db, res.Type);
      if (!spec) out.push([`${path}.Type`, `unknown resource type ${res.Type}`]);
      else checkProperties(db, props, spec.properties, res.Type, `${path}.Properties`, out);
    }
    if (res.Type === 'AWS::StepFunctions::StateMachine' && isObject(props)) checkSubstitutions(props, `${path}.Properties`, out);
    // Resources that attach to a function must be created after it: a FunctionName written
    // from a name alone lets CloudFormation create them first, and the call fails.
    // A function outside the stack (`existing`, listed in the Caios::Existing metadata) is
    // named by its name or its parameter: it exists before the stack.
    if (FUNCTION_ATTACHMENTS.has(res.Type) && isObject(props) && props.FunctionName !== undefined &&
        !referencedResources(ctx, props.FunctionName, new Set()).size &&
        !namesExistingFunction(template, props.FunctionName)) {
      out.push([`${path}.Properties.FunctionName`, 'names its function without a reference to the resource (no creation order)']);
    }
    checkIntrinsics(ctx, res.Properties, `${path}.Properties`, out);
    checkDynamicReferences(res.Type, res.Properties, `${path}.Properties`, out);
  }
  for (const cycle of dependencyCycles(ctx)) out.push(['Resources', `circular dependency: ${cycle.join(' -> ')}`]);
  for (const [name, o] of Object.entries(section('Outputs'))) {
    const path = `Outputs.${name}`;
    if (!isObject(o) || !('Value' in o)) { out.push([path, 'output without Value']); continue; }
    for (const k of Object.keys(o)) if (!OUTPUT_KEYS.has(k)) out.push([`${path}.${k}`, `unknown output key "${k}"`]);
    if (o.Condition !== undefined && !(o.Condition in ctx.conditions)) out.push([`${path}.Condition`, `no condition "${o.Condition}"`]);
    checkIntrinsics(ctx, o, path, out);
  }
  for (const [name, c] of Object.entries(ctx.conditions)) checkIntrinsics(ctx, c, `Conditions.${name}`, out);
  return out.map(([path, msg]) => `${path}: ${msg}`);
}

// ---- CLI
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node tests/validate/cfn_spec.mjs TEMPLATE...');
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    let problems;
    try {
      problems = checkTemplate(loadTemplate(file));
    } catch (e) {
      problems = [`(parse): ${e.message}`];
    }
    for (const p of problems) console.log(`${file}: ${p}`);
    if (problems.length) failed = true;
    else console.log(`${file}: ok`);
  }
  process.exit(failed ? 1 : 0);
}
