// Scenarios of samples/renewals (sharded query, fan-out to SQS, deferred reconcile), run by tests/exec/jsonpath_scenarios.mjs.

// sfn_local.mjs fixes $$.State.EnteredTime to 2026-01-01T00:00:01.000Z, so now() gives this day.
const day = '2026-01-01';
const executionId = 'arn:aws:states:us-east-1:123456789012:execution:test:run-1';

// A Subscriptions row as DynamoDB returns it (attribute values).
const row = (id, status, shard = 0) => ({
  id: { S: id }, customer: { S: `cust-${id}` }, plan: { S: 'pro' }, price: { N: '9.5' }, currency: { S: 'EUR' },
  status: { S: status }, renewsOn: { S: day }, shard: { N: String(shard) },
});
const page = (...items) => ({ return: { Items: items, Count: items.length, ScannedCount: items.length } });
const empty = page();
const sent = { return: { MessageId: 'm1' } };
const started = { return: { ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:reconcile:r1', StartDate: '2026-01-01T00:00:02.000Z' } };

// The 16 shard queries run four at a time, so which shard gets which page is not fixed: the
// scenarios only assert what does not depend on it (the total, the number of sends).
export const scenarios = [
  {
    name: 'renew: active subscriptions of every shard are queued, the counts added up',
    flow: 'renew',
    input: {},
    mocks: {
      'Subscriptions.query': [page(row('s1', 'ACTIVE'), row('s2', 'CANCELLED'), row('s3', 'ACTIVE')), page(row('s4', 'ACTIVE', 1)), empty],
      'Jobs.send': sent,
      'start reconcile': started,
    },
    output: { day, due: 4 },
    visits: ['Set day', 'For each shard', 'Subscriptions.query', 'For each sub', 'Jobs.send', 'While i < len(counts)', 'If total > 100000', 'start reconcile', 'Return'],
    skips: ['Ops.publish'],
    calls: { 'Subscriptions.query': 16, 'Jobs.send': 3, 'start reconcile': 1 },
    inputs: {
      'start reconcile': {
        StateMachineArn: '${ReconcileStateMachineArn}',
        Input: { day, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: executionId },
      },
    },
  },
  {
    name: 'renew: a throttled query and a throttled send are retried',
    flow: 'renew',
    input: {},
    mocks: {
      'Subscriptions.query': [{ throw: 'DynamoDb.ProvisionedThroughputExceededException' }, page(row('s1', 'ACTIVE')), empty],
      'Jobs.send': [{ throw: 'SQS.ThrottlingException' }, sent],
      'start reconcile': started,
    },
    output: { day, due: 1 },
    calls: { 'Subscriptions.query': 17, 'Jobs.send': 2, 'start reconcile': 1 },
    inputs: {
      'Jobs.send': {
        QueueUrl: '${JobsQueueUrl}',
        MessageBody: { subscriptionId: 's1', customer: 'cust-s1', plan: 'pro', day },
      },
    },
  },
  {
    name: 'renew: a send that is not retried fails the loop and the flow, reconcile is not started',
    flow: 'renew',
    input: {},
    mocks: {
      'Subscriptions.query': [page(row('s1', 'ACTIVE')), empty],
      'Jobs.send': { throw: 'SQS.KmsAccessDeniedException', cause: 'key disabled' },
    },
    error: 'SQS.KmsAccessDeniedException',
    cause: 'key disabled',
    calls: { 'Jobs.send': 1 },
    skips: ['Set total, i', 'start reconcile', 'Return'],
  },
  {
    name: 'renew: the query stays throttled after its retries: the flow fails',
    flow: 'renew',
    input: {},
    mocks: { 'Subscriptions.query': { throw: 'DynamoDb.ThrottlingException', cause: 'slow down' } },
    error: 'DynamoDb.ThrottlingException',
    cause: 'slow down',
    skips: ['For each sub', 'start reconcile'],
  },
  {
    name: 'reconcile: nothing failed, nothing reported',
    flow: 'reconcile',
    input: { day },
    mocks: { 'Subscriptions.query': empty },
    output: { day, failed: 0 },
    visits: ['wait 2h', 'Subscriptions.query', 'If n > 0', 'Return'],
    skips: ['For each f', 'Billing.put'],
    inputs: {
      // The first index whose partition key the conditions name is byRenewal (docs §16):
      // renewsOn is its key condition, status a filter.
      'Subscriptions.query': {
        TableName: '${SubscriptionsTableName}',
        IndexName: 'byRenewal',
        KeyConditionExpression: '#c1 = :c1',
        FilterExpression: '#c0 = :c0',
        ExpressionAttributeNames: { '#c0': 'status', '#c1': 'renewsOn' },
        ExpressionAttributeValues: { ':c0': { S: 'RENEWAL_FAILED' }, ':c1': { S: day } },
      },
    },
  },
  {
    name: 'reconcile: the failed renewals are reported to billing',
    flow: 'reconcile',
    input: { day },
    mocks: {
      'Subscriptions.query': page(row('s2', 'RENEWAL_FAILED', 3), row('s7', 'RENEWAL_FAILED', 9)),
      'Billing.put': { return: { Entries: [{ EventId: 'e1' }], FailedEntryCount: 0 } },
    },
    output: { day, failed: 2 },
    visits: ['wait 2h', 'Subscriptions.query', 'If n > 0', 'For each f', 'Billing.put', 'Return'],
    inputs: {
      'Billing.put': {
        Entries: [{
          Detail: { day, failed: 2, subscriptions: ['s2', 's7'] },
          DetailType: 'RenewalsFailed',
          Source: 'billing.renewals',
          EventBusName: '${BillingEventBusName}',
        }],
      },
    },
  },
  {
    name: 'reconcile: a throttled query is retried, then putEvents fails the flow',
    flow: 'reconcile',
    input: { day },
    mocks: {
      'Subscriptions.query': [{ throw: 'DynamoDb.ThrottlingException' }, page(row('s2', 'RENEWAL_FAILED'))],
      'Billing.put': { throw: 'EventBridge.InternalException', cause: 'try later' },
    },
    error: 'EventBridge.InternalException',
    cause: 'try later',
    calls: { 'Subscriptions.query': 2, 'Billing.put': 1 },
    skips: ['Return'],
  },
];
