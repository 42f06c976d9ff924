// The AWS CDK peer of bench/build_bench.sh (docs/performance.md, "`caios build` against the
// AWS CDK"): one stack with N state machines of a fixed shape, one Lambda function each, one
// shared on-demand table and one shared queue. bench/gen_cdk_peer.sh writes the caios twin.
// Run as `N=100 CDK_VALIDATION=false node app.js` (no CDK CLI); it synthesizes into cdk.out.
const cdk = require('aws-cdk-lib');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const lambda = require('aws-cdk-lib/aws-lambda');
const sfn = require('aws-cdk-lib/aws-stepfunctions');
const sqs = require('aws-cdk-lib/aws-sqs');
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks');

const n = Number.parseInt(process.env.N || '1', 10);
// CDK_VALIDATION=false skips aws-cdk-lib's template validation pass. From N = 100 on, the
// stack has more than CloudFormation's 500 resources: the CDK would refuse to synthesize it,
// so its limit is lifted (caios warns, W0620).
const app = new cdk.App({
  outdir: 'cdk.out',
  context: { '@aws-cdk/core:stackResourceLimit': 0 },
});
const stack = new cdk.Stack(app, 'CaiosPeerStack');

const orders = new dynamodb.Table(stack, 'Orders', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
});
const jobs = new sqs.Queue(stack, 'Jobs', { visibilityTimeout: cdk.Duration.seconds(60) });

for (let i = 0; i < n; i++) {
  const fn = new lambda.Function(stack, `Charge${i}`, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (e) => ({ amount: 42, ...e });'),
    memorySize: 128,
    timeout: cdk.Duration.seconds(10),
  });
  // A Lambda invoke with a retry on throttling and a catch-all that fails with ChargeFailed.
  const charge = new tasks.LambdaInvoke(stack, `Charge ${i}`, {
    lambdaFunction: fn,
    payloadResponseOnly: true,
    resultPath: '$.charge',
  });
  charge.addRetry({
    errors: ['Lambda.TooManyRequestsException'],
    maxAttempts: 3,
    interval: cdk.Duration.seconds(1),
    backoffRate: 2,
  });
  charge.addCatch(new sfn.Fail(stack, `ChargeFailed ${i}`, { error: 'ChargeFailed' }), {
    errors: ['States.ALL'],
  });
  // A parallel of two Pass branches, then an inline map over $.items with concurrency 2.
  const fanout = new sfn.Parallel(stack, `Fanout ${i}`, { resultPath: '$.fanout' })
    .branch(new sfn.Pass(stack, `Left ${i}`))
    .branch(new sfn.Pass(stack, `Right ${i}`));
  const items = new sfn.Map(stack, `Items ${i}`, {
    itemsPath: '$.items',
    maxConcurrency: 2,
    resultPath: '$.mapped',
  });
  items.itemProcessor(new sfn.Pass(stack, `Item ${i}`));
  const put = new tasks.DynamoPutItem(stack, `Put ${i}`, {
    table: orders,
    item: { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) },
    resultPath: sfn.JsonPath.DISCARD,
  });
  const send = new tasks.SqsSendMessage(stack, `Send ${i}`, {
    queue: jobs,
    messageBody: sfn.TaskInput.fromJsonPathAt('$.id'),
    resultPath: sfn.JsonPath.DISCARD,
  });
  fanout.next(items).next(put).next(send).next(new sfn.Succeed(stack, `Done ${i}`));
  // A choice that waits 5 s when the amount is over 100.
  const wait = new sfn.Wait(stack, `Wait ${i}`, {
    time: sfn.WaitTime.duration(cdk.Duration.seconds(5)),
  });
  const big = new sfn.Choice(stack, `Big ${i}`)
    .when(sfn.Condition.numberGreaterThan('$.charge.amount', 100), wait.next(fanout))
    .otherwise(fanout);
  new sfn.StateMachine(stack, `Flow${i}`, {
    definitionBody: sfn.DefinitionBody.fromChainable(charge.next(big)),
    timeout: cdk.Duration.minutes(5),
  });
}

app.synth({ validateOnSynthesis: process.env.CDK_VALIDATION !== 'false' });
