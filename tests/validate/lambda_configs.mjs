// lambda_configs.mjs — checks functions/*.json: the shape `aws lambda create-function
// --cli-input-json` takes, and that each file describes a function of the template beside it.
// A file's FunctionName is the placeholder `${<LogicalId>Name}` (the deployed name of the
// template's resource <LogicalId>, as in the files' environments); that resource must be an
// AWS::Lambda::Function whose settings are the file's, and every function of the template must
// have exactly one file.

// CreateFunction request members (Lambda API reference) minus Role and Code, which the
// template supplies.
const LAMBDA_KEYS = new Set(['FunctionName', 'Runtime', 'Handler', 'Description', 'Timeout',
  'MemorySize', 'Publish', 'VpcConfig', 'PackageType', 'DeadLetterConfig', 'Environment',
  'KMSKeyArn', 'TracingConfig', 'Tags', 'Layers', 'FileSystemConfigs', 'ImageConfig',
  'CodeSigningConfigArn', 'Architectures', 'EphemeralStorage', 'SnapStart', 'LoggingConfig']);

export function checkLambdaConfig(config) {
  const problems = [];
  for (const key of Object.keys(config)) {
    if (!LAMBDA_KEYS.has(key)) problems.push(`unknown CreateFunction member ${key}`);
  }
  if (typeof config.FunctionName !== 'string') problems.push('FunctionName missing');
  if (config.PackageType !== 'Image' && (!config.Runtime || !config.Handler)) {
    problems.push('a zip function needs Runtime and Handler');
  }
  return problems;
}

// Settings that both the file and the resource carry, with CloudFormation's defaults.
const SETTINGS = {
  PackageType: 'Zip', Runtime: undefined, Handler: undefined, MemorySize: 128, Timeout: 3,
  Architectures: ['x86_64'], EphemeralStorage: { Size: 512 }, TracingConfig: { Mode: 'PassThrough' },
  Layers: [],
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// `configs`: [[file name, parsed JSON], …] of one output folder; `template`: its template.
// Returns [file or resource, problem] pairs.
export function checkFunctionAgreement(template, configs) {
  const problems = [];
  const resources = template.Resources ?? {};
  const functions = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Lambda::Function');
  const described = new Map();
  for (const [file, config] of configs) {
    const m = /^\$\{([A-Za-z0-9]+)Name\}$/.exec(String(config.FunctionName));
    if (!m) {
      problems.push([file, `FunctionName ${JSON.stringify(config.FunctionName)} is not the placeholder of a template resource's name`]);
      continue;
    }
    const id = m[1];
    const resource = resources[id];
    if (!resource || resource.Type !== 'AWS::Lambda::Function') {
      problems.push([file, `FunctionName names ${id}, which is not a function of the template`]);
      continue;
    }
    if (described.has(id)) problems.push([file, `${id} is also described by ${described.get(id)}`]);
    described.set(id, file);
    const props = resource.Properties ?? {};
    for (const [key, fallback] of Object.entries(SETTINGS)) {
      const mine = config[key] ?? fallback, theirs = props[key] ?? fallback;
      if (!same(mine, theirs)) {
        problems.push([file, `${key} ${JSON.stringify(mine)} differs from ${id}'s ${JSON.stringify(theirs)}`]);
      }
    }
    const mine = config.Environment?.Variables ?? {}, theirs = props.Environment?.Variables ?? {};
    const keys = (o) => Object.keys(o).sort();
    if (!same(keys(mine), keys(theirs))) {
      problems.push([file, `environment ${keys(mine)} differs from ${id}'s ${keys(theirs)}`]);
    }
  }
  for (const id of functions) {
    if (!described.has(id)) problems.push([id, 'no functions/*.json describes this function']);
  }
  return problems;
}
