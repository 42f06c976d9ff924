// Runs one Node.js Lambda handler invocation for the local cloud (docs/testing.md): loads
// CODE_DIR/MODULE (.js, .mjs or .cjs), calls its export HANDLER with the event and a context
// (async handlers and callback-style handlers alike) and writes the outcome as one JSON line on
// file descriptor OUTCOME_FD: {"result": ...} or {"errorType": ..., "errorMessage": ..., "trace": [...]}.
// The handler's own console output goes to standard error.
//   node node_handler.mjs OUTCOME_FD CODE_DIR MODULE HANDLER FUNCTION_NAME TIMEOUT_SECONDS < event.json
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [outcomeFd, codeDir, moduleName, handlerName, functionName, timeoutSeconds] =
  process.argv.slice(2);
console.log = console.error;
console.info = console.error;

function report(outcome) {
  fs.writeSync(Number(outcomeFd), JSON.stringify(outcome) + '\n');
  process.exit(0);
}

function failure(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  report({
    errorType: e.name || 'Error',
    errorMessage: e.message,
    trace: String(e.stack ?? '').split('\n'),
  });
}

async function load() {
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = path.join(codeDir, moduleName + ext);
    if (!fs.existsSync(file)) continue;
    if (ext === '.js' || ext === '.cjs') {
      try {
        return createRequire(file)(file);
      } catch (e) {
        if (e.code !== 'ERR_REQUIRE_ESM') throw e;
      }
    }
    return await import(pathToFileURL(file).href);
  }
  const e = new Error(`Cannot find module '${moduleName}'`);
  e.name = 'Runtime.ImportModuleError';
  throw e;
}

try {
  const event = JSON.parse(fs.readFileSync(0, 'utf8'));
  const module = await load();
  const handler = module[handlerName] ?? module.default?.[handlerName];
  if (typeof handler !== 'function') {
    const e = new Error(`${moduleName}.${handlerName} is undefined or not exported`);
    e.name = 'Runtime.HandlerNotFound';
    throw e;
  }
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    awsRequestId: crypto.randomUUID(),
    invokedFunctionArn: process.env.CAIOS_FUNCTION_ARN ?? '',
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    logGroupName: `/aws/lambda/${functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const outcome = await new Promise((resolve, reject) => {
    const callback = (error, value) => (error ? reject(error) : resolve(value));
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    } catch (e) {
      reject(e);
    }
  });
  report({ result: outcome === undefined ? null : outcome });
} catch (e) {
  failure(e);
}
