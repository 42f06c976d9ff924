// Scenarios of samples/ingest (a distributed S3 job over a bucket named at run time), run by
// tests/exec/jsonpath_scenarios.mjs.
//
// aws-local-stepfunctions 3 ignores ItemReader and ItemBatcher, and moto 5.2 (tests/exec/
// caios_run.py, which runs `try_ingest` over a real listing) does not know ItemBatcher: what
// runs here is the child of `ingest_batched` as Step Functions starts it, with the batch input
// a child receives ({ Items, BatchInput }): `files` bound to Items, `drop` to BatchInput.drop.
const loaded = (key, lines) => ({ return: { StatusCode: 200, Payload: { key, lines } } });

export const scenarios = [
  {
    name: 'ingest_batched child: each object of the batch is loaded from the bucket in BatchInput',
    flow: 'ingest_batched',
    processor: 'For each files',
    input: {
      Items: [{ key: 'in/a.csv', size: 20, etag: '"a"' }, { key: 'in/b.csv', size: 9, etag: '"b"' }],
      BatchInput: { drop: 'acme-drop' },
    },
    mocks: { load: [loaded('in/a.csv', 2), loaded('in/b.csv', 1)] },
    output: 2,
    calls: { load: 2 },
    inputs: { load: { FunctionName: '${LoadFunctionArn}', Payload: { drop: 'acme-drop', key: 'in/a.csv' } } },
  },
];
