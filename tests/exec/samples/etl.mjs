// Scenarios of samples/etl (nightly distributed-Map ETL), run by tests/exec/jsonpath_scenarios.mjs.
//
// aws-local-stepfunctions 3 ignores ItemReader, ItemBatcher, ToleratedFailurePercentage and
// ResultWriter: a Map without ItemsPath iterates over its own input, which is the state document
// (an object), so `For each chunk` (nightly) and `For each row` (backfill) fail with
// States.Runtime "Input of Map state must be an array". What runs here: the part of `nightly`
// before its loop, and each loop's body as the child execution it is (`processor`), with the
// batch input Step Functions gives a child ({Items, BatchInput}). Not reached: the catch of
// States.ExceedToleratedFailureThreshold, the crawler polling and the summary.
const throttled = 'DynamoDB.ProvisionedThroughputExceededException';

const objects = [{ key: 'incoming/a.csv', size: 10, etag: '"a"' }, { key: 'incoming/b.csv', size: 20, etag: '"b"' }];
const transformed = (rejected) => ({ return: { StatusCode: 200, Payload: { rows: 12, rejected, outputKey: 'curated/orders/r1-0.parquet' } } });

export const scenarios = [
  {
    name: 'nightly child: a batch of objects is transformed, nothing rejected',
    flow: 'nightly',
    processor: 'For each chunk',
    input: { Items: objects, BatchInput: { runId: 'r1' } },
    mocks: { transformBatch: transformed(0) },
    output: null,
    skips: ['DataOps.publish'],
    inputs: { transformBatch: { FunctionName: '${TransformBatchFunctionArn}', Payload: { runId: 'r1', objects } } },
  },
  {
    name: 'nightly child: rejected rows are reported to DataOps',
    flow: 'nightly',
    processor: 'For each chunk',
    input: { Items: objects, BatchInput: { runId: 'r1' } },
    mocks: { transformBatch: transformed(3), 'DataOps.publish': { return: { MessageId: 'm1' } } },
    output: null,
    visits: ['Bind chunk', 'transformBatch', 'If r.rejected > 0', 'DataOps.publish'],
    inputs: {
      'DataOps.publish': {
        TopicArn: '${DataOpsTopicArn}',
        Message: { runId: 'r1', outputKey: 'curated/orders/r1-0.parquet', rejected: 3 },
        Subject: 'rows rejected',
      },
    },
  },
  {
    name: 'nightly child: a failing transform fails the child (counted against the tolerance)',
    flow: 'nightly',
    processor: 'For each chunk',
    input: { Items: objects, BatchInput: { runId: 'r1' } },
    mocks: { transformBatch: [{ throw: 'Lambda.TooManyRequestsException' }, { throw: 'ValueError', cause: 'bad row' }] },
    error: 'ValueError',
    cause: 'bad row',
    calls: { transformBatch: 2 },
  },
  {
    name: 'backfill child: the manifest rows of a batch are transformed',
    flow: 'backfill',
    processor: 'For each row',
    input: { Items: [{ key: 'incoming/a.csv', reason: 'late' }], BatchInput: { runId: 'backfill-1' } },
    mocks: { transformBatch: transformed(0) },
    output: null,
    inputs: { transformBatch: { FunctionName: '${TransformBatchFunctionArn}', Payload: { runId: 'backfill-1', objects: [{ key: 'incoming/a.csv', reason: 'late' }] } } },
  },
  {
    name: 'nightly: the run record cannot be written (not retried): nothing is processed',
    flow: 'nightly',
    input: {},
    mocks: { 'Runs.put': { throw: 'DynamoDB.ResourceNotFoundException', cause: 'Requested resource not found' } },
    error: 'DynamoDB.ResourceNotFoundException',
    calls: { 'Runs.put': 1 },
    visits: ['Set runId', 'Runs.put'],
    skips: ['For each chunk', 'aws.glue.startCrawler', 'summarize'],
  },
  {
    name: 'nightly: throttling of the run record outlasts its six retries',
    flow: 'nightly',
    input: {},
    mocks: { 'Runs.put': { throw: throttled, cause: 'throughput exceeded' } },
    error: throttled,
    calls: { 'Runs.put': 7 },
    skips: ['For each chunk'],
  },
  {
    name: 'nightly: a DynamoDB server error is retried three times, then fails the run',
    flow: 'nightly',
    input: {},
    mocks: { 'Runs.put': { throw: 'DynamoDB.InternalServerErrorException', cause: 'internal error' } },
    error: 'DynamoDB.InternalServerErrorException',
    calls: { 'Runs.put': 4 },
    skips: ['For each chunk'],
  },
];
