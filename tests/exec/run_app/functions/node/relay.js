// A Node.js handler whose AWS SDK call must reach the local cloud: it invokes `remember`,
// named by the environment the template gives this function.
'use strict';

const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');

exports.handler = async ({ name }) => {
  const out = await new LambdaClient({}).send(new InvokeCommand({
    FunctionName: process.env.REMEMBER_NAME,
    Payload: JSON.stringify({ id: name, text: `relayed for ${name}` }),
  }));
  return JSON.parse(Buffer.from(out.Payload).toString());
};
