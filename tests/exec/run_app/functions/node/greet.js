// A Node.js handler: the greeting comes from the environment the template gives the function.
'use strict';

exports.handler = async ({ name }, context) => ({
  greeting: `${process.env.GREETING}, ${name} (from ${context.functionName.split('-')[1]})`,
  region: process.env.AWS_REGION,
});
