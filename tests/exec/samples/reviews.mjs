// Scenarios of samples/reviews (S3 upload → Comprehend → store, stream, triage), run by tests/exec/jsonpath_scenarios.mjs.
import { lambda } from '../sfn_local.mjs';

const review = { reviewId: 'rv1', productId: 'p1', customer: 'c1', rating: 4, title: 'Solid', text: 'Works well.' };
// The flow's one parameter `event` holds the EventBridge "Object Created" event of the upload.
const eventFor = (key) => ({
  version: '0', 'detail-type': 'Object Created', source: 'aws.s3',
  detail: { bucket: { name: 'uploads' }, object: { key, size: 120, etag: 'e0' } },
});
const input = { event: eventFor('reviews/rv1.json') };
const at = '2026-01-01T00:00:01.000Z'; // now(): $$.State.EnteredTime of the harness's context

// The AWS responses (S3 getObject, Comprehend, DynamoDB putItem, Kinesis putRecord, …).
const uploaded = (r) => ({ return: { Body: JSON.stringify(r), ContentLength: 120, ContentType: 'application/json', ETag: '"e0"' } });
const language = (code) => ({ return: { Languages: [{ LanguageCode: code, Score: 0.98 }] } });
const scores = (s) => Object.fromEntries(['Positive', 'Negative', 'Neutral', 'Mixed'].map((k) => [k, k.toUpperCase() === s ? 0.91 : 0.03]));
const sentiment = (s) => ({ return: { Sentiment: s, SentimentScore: scores(s) } });
const putEvents = { return: { Entries: [{ EventId: 'ev1' }], FailedEntryCount: 0 } };
const mocksFor = (r, s, lang = 'en', entities = []) => ({
  'Uploads.get': uploaded(r),
  'aws.comprehend.detectDominantLanguage': language(lang),
  'aws.comprehend.detectSentiment': sentiment(s),
  'aws.comprehend.detectPiiEntities': { return: { Entities: entities } },
  'Reviews.put': { return: {} },
  'Analytics.put': { return: { ShardId: 'shardId-000000000001', SequenceNumber: '49590338271490256608559692538361571095921575989136588898' } },
  'Uploads.put': { return: { ETag: '"e1"', VersionId: 'v1' } },
  'Uploads.delete': { return: { DeleteMarker: true, VersionId: 'v2' } },
});
const reviewItem = (r, text, lang, s) => ({
  TableName: '${ReviewsTableName}',
  Item: {
    productId: { S: r.productId }, reviewId: { S: r.reviewId }, rating: { N: String(r.rating) }, title: { S: r.title },
    text: { S: text }, language: { S: lang }, sentiment: { S: s }, analyzedAt: { S: at },
  },
});

const angry = { ...review, rating: 1, title: 'Broken', text: 'It broke on day one.' };
const ticket = { ticketId: 't1', priority: 'P1', queue: 'returns' };
const pii = { ...review, rating: 3, text: 'Good, call me at 555-0100.' };
const phone = [{ Type: 'PHONE', Score: 0.99, BeginOffset: 17, EndOffset: 25 }];

export const scenarios = [
  {
    name: 'analyze: a positive review is stored, streamed and moved to processed/',
    flow: 'analyze',
    input,
    mocks: mocksFor(review, 'POSITIVE'),
    output: { reviewId: 'rv1', sentiment: 'POSITIVE', redacted: 0 },
    visits: ['Uploads.get', 'aws.comprehend.detectDominantLanguage', 'Parallel', 'Reviews.put', 'Analytics.put',
      'Switch sentiment', 'Uploads.put', 'Uploads.delete', 'Return'],
    skips: ['Fail InvalidReview', 'redact', 'run triage', 'Support.put', 'Support.put (2)'],
    inputs: {
      'Uploads.get': { Bucket: '${UploadsBucketName}', Key: 'reviews/rv1.json' },
      'aws.comprehend.detectDominantLanguage': { Text: 'Works well.' },
      'Reviews.put': reviewItem(review, 'Works well.', 'en', 'POSITIVE'),
      'Analytics.put': {
        StreamName: '${AnalyticsStreamName}',
        Data: JSON.stringify({ productId: 'p1', rating: 4, sentiment: 'POSITIVE', at }),
        PartitionKey: 'p1',
      },
      'Uploads.put': {
        Bucket: '${UploadsBucketName}', Key: 'processed/p1/rv1.json', Body: JSON.stringify(review), ContentType: 'application/json',
      },
      'Uploads.delete': { Bucket: '${UploadsBucketName}', Key: 'reviews/rv1.json' },
    },
  },
  {
    name: 'analyze: personal data is redacted, a mixed review is announced to Support',
    flow: 'analyze',
    input,
    mocks: { ...mocksFor(pii, 'MIXED', 'de', phone), redact: lambda({ text: 'Good, call me at [PHONE].', redacted: 1 }), 'Support.put (2)': putEvents },
    output: { reviewId: 'rv1', sentiment: 'MIXED', redacted: 1 },
    visits: ['Parallel', 'redact', 'Reviews.put', 'Switch sentiment', 'Support.put (2)', 'Uploads.put', 'Uploads.delete'],
    skips: ['run triage', 'Support.put'],
    inputs: {
      // Sentiment in the detected language, personal data always in English (as written).
      'aws.comprehend.detectSentiment': { Text: pii.text, LanguageCode: 'de' },
      'aws.comprehend.detectPiiEntities': { Text: pii.text, LanguageCode: 'en' },
      redact: { FunctionName: '${RedactFunctionArn}', Payload: { text: pii.text, entities: phone } },
      'Reviews.put': reviewItem(pii, 'Good, call me at [PHONE].', 'de', 'MIXED'),
      'Support.put (2)': {
        Entries: [{ Detail: { reviewId: 'rv1', productId: 'p1' }, DetailType: 'MixedReview', Source: 'reviews.analyze', EventBusName: '${SupportEventBusName}' }],
      },
      'Uploads.put': {
        Bucket: '${UploadsBucketName}', Key: 'processed/p1/rv1.json',
        Body: JSON.stringify({ ...pii, text: 'Good, call me at [PHONE].' }), ContentType: 'application/json',
      },
    },
  },
  {
    name: 'analyze: an angry one-star review runs triage and tells Support about the ticket',
    flow: 'analyze',
    input,
    mocks: {
      ...mocksFor(angry, 'NEGATIVE'),
      'run triage (execution)': { return: { Output: ticket, Status: 'SUCCEEDED', ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:triage:x' } },
      'Support.put': putEvents,
    },
    output: { reviewId: 'rv1', sentiment: 'NEGATIVE', redacted: 0 },
    visits: ['Switch sentiment', 'If review.rating <= 2', 'run triage', 'Support.put', 'Uploads.put', 'Uploads.delete', 'Return'],
    skips: ['redact', 'Support.put (2)'],
    inputs: {
      'run triage (execution)': {
        StateMachineArn: '${TriageStateMachineArn}',
        Input: { review: angry, sentiment: 'NEGATIVE', AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: 'arn:aws:states:us-east-1:123456789012:execution:test:run-1' },
      },
      'Support.put': {
        Entries: [{
          Detail: { reviewId: 'rv1', productId: 'p1', ticketId: 't1', priority: 'P1' },
          DetailType: 'NegativeReview', Source: 'reviews.analyze', EventBusName: '${SupportEventBusName}',
        }],
      },
    },
  },
  {
    name: 'analyze: a negative review with three stars opens no ticket; a Comprehend throttle is retried',
    flow: 'analyze',
    input,
    mocks: {
      ...mocksFor({ ...review, rating: 3 }, 'NEGATIVE'),
      'aws.comprehend.detectSentiment': [{ throw: 'Comprehend.TooManyRequestsException', cause: 'rate exceeded' }, sentiment('NEGATIVE')],
    },
    output: { reviewId: 'rv1', sentiment: 'NEGATIVE', redacted: 0 },
    calls: { 'aws.comprehend.detectSentiment': 2, 'aws.comprehend.detectPiiEntities': 1 },
    visits: ['Switch sentiment', 'If review.rating <= 2', 'Uploads.put'],
    skips: ['run triage', 'Support.put', 'Support.put (2)'],
  },
  {
    name: 'analyze: a rating out of 1..5 fails before Comprehend is asked',
    flow: 'analyze',
    input,
    mocks: mocksFor({ ...review, rating: 7 }, 'POSITIVE'),
    error: 'InvalidReview',
    cause: 'review rv1 has rating 7',
    visits: ['Uploads.get', 'If review.rating < 1 or review.rating > 5', 'Fail InvalidReview'],
    skips: ['aws.comprehend.detectDominantLanguage', 'Reviews.put', 'Uploads.delete'],
  },
  {
    name: 'analyze: a missing upload is retried three times, then the flow fails',
    flow: 'analyze',
    input,
    mocks: { ...mocksFor(review, 'POSITIVE'), 'Uploads.get': { throw: 'S3.NoSuchKeyException', cause: 'The specified key does not exist.' } },
    error: 'S3.NoSuchKeyException',
    calls: { 'Uploads.get': 4 },
    skips: ['aws.comprehend.detectDominantLanguage'],
  },
  {
    name: 'analyze: Kinesis stays throttled: the upload is not moved',
    flow: 'analyze',
    input,
    mocks: { ...mocksFor(review, 'POSITIVE'), 'Analytics.put': { throw: 'Kinesis.ProvisionedThroughputExceededException', cause: 'hot shard' } },
    error: 'Kinesis.ProvisionedThroughputExceededException',
    calls: { 'Reviews.put': 1, 'Analytics.put': 7 },
    skips: ['Uploads.put', 'Uploads.delete'],
  },
  {
    name: 'triage: a P1 ticket pages on-call; the pager answers 503 once',
    flow: 'triage',
    input: { review: angry, sentiment: 'NEGATIVE' },
    mocks: {
      openTicket: lambda(ticket),
      'http.post': [
        { throw: 'States.Http.StatusCode.503', cause: 'Service Unavailable' },
        { return: { StatusCode: 202, StatusText: 'Accepted', ResponseBody: { status: 'success' }, Headers: {} } },
      ],
    },
    output: ticket,
    calls: { openTicket: 1, 'http.post': 2 },
    visits: ['openTicket', "If ticket.priority == 'P1'", 'http.post', 'Return'],
    inputs: {
      openTicket: { FunctionName: '${OpenTicketFunctionArn}', Payload: { review: angry, sentiment: 'NEGATIVE' } },
      'http.post': {
        ApiEndpoint: 'https://events.pager.example.com/v2/enqueue',
        Method: 'POST',
        Authentication: { ConnectionArn: '${PagerConnectionArn}' },
        RequestBody: { summary: '1-star review of p1: Broken', severity: 'warning', ticket: 't1' },
      },
    },
  },
  {
    name: 'triage: a P2 ticket pages nobody',
    flow: 'triage',
    input: { review: angry, sentiment: 'NEGATIVE' },
    mocks: { openTicket: lambda({ ...ticket, priority: 'P2' }) },
    output: { ...ticket, priority: 'P2' },
    skips: ['http.post'],
  },
  {
    name: 'triage: the pager refuses the request (400, not retried): the flow fails',
    flow: 'triage',
    input: { review: angry, sentiment: 'NEGATIVE' },
    mocks: { openTicket: lambda(ticket), 'http.post': { throw: 'States.Http.StatusCode.400', cause: 'Bad Request' } },
    error: 'States.Http.StatusCode.400',
    calls: { 'http.post': 1 },
    skips: ['Return'],
  },
];
