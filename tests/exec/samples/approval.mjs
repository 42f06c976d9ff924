// Scenarios of samples/approval (a human approver behind a task token), run by tests/exec/jsonpath_scenarios.mjs.
import { lambda } from '../sfn_local.mjs';

const claim = {
  id: 'c1', employee: 'ann', employeeEmail: 'ann@example.com', manager: 'max',
  amount: 120, currency: 'EUR', description: 'train to Lyon',
};
// sfn_local.mjs fixes the context: $$.State.EnteredTime (now()) and $$.Task.Token (task_token).
const now = '2026-01-01T00:00:01.000Z';
const token = 'token-1';
const ok = { return: {} };
const published = { return: { MessageId: 'n1' } };
// A timeout or a lost heartbeat of the awaited task: Step Functions fails it with these errors.
const timedOut = { throw: 'States.Timeout', cause: 'no answer in 7 days' };
const approvedBy = (approver, comment) => ({ return: { approved: true, approver, ...(comment ? { comment } : {}) } });
const paid = {
  schedulePayout: lambda({ payoutId: 'p1', payAt: '2026-01-31T00:00:00Z' }),
  'Claims.update (3)': ok,
  'http.post': { return: { StatusCode: 200, StatusText: 'OK', Headers: {}, ResponseBody: { ok: true } } },
};
const base = { 'Claims.put': ok, 'Claims.update (2)': ok };
const decided = (status, approver, comment) => ({
  TableName: '${ClaimsTableName}',
  Key: { id: { S: 'c1' } },
  UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #f2 = :v2, #f3 = :v3',
  ExpressionAttributeNames: { '#f0': 'status', '#f1': 'approver', '#f2': 'comment', '#f3': 'decidedAt' },
  ExpressionAttributeValues: { ':v0': { S: status }, ':v1': { S: approver }, ':v2': { S: comment }, ':v3': { S: now } },
});

export const scenarios = [
  {
    name: 'a small claim is approved automatically',
    flow: 'expense',
    input: { claim: { ...claim, amount: 40 } },
    mocks: { 'Claims.put': ok, 'Claims.update': ok },
    output: { id: 'c1', status: 'APPROVED', approver: 'auto' },
    visits: ['Claims.put', 'If claim.amount <= 50', 'Claims.update', 'Return'],
    skips: ['await requestApproval', 'Claims.update (2)', 'schedulePayout'],
    inputs: {
      'Claims.put': {
        TableName: '${ClaimsTableName}',
        Item: { id: { S: 'c1' }, employee: { S: 'ann' }, amount: { N: '40' }, status: { S: 'PENDING' }, submittedAt: { S: now } },
      },
      'Claims.update': {
        TableName: '${ClaimsTableName}',
        Key: { id: { S: 'c1' } },
        UpdateExpression: 'SET #f0 = :v0, #f1 = :v1',
        ExpressionAttributeNames: { '#f0': 'status', '#f1': 'approver' },
        ExpressionAttributeValues: { ':v0': { S: 'APPROVED' }, ':v1': { S: 'auto' } },
      },
    },
  },
  {
    name: 'the manager approves: payout, wait for payroll, paid, Slack',
    flow: 'expense',
    input: { claim },
    mocks: { ...base, ...paid, 'await requestApproval': approvedBy('max', 'fine') },
    output: { id: 'c1', status: 'APPROVED', approver: 'max' },
    visits: ['Claims.put', 'await requestApproval', 'Set status', 'Claims.update (2)', 'Switch status', 'schedulePayout',
      'wait until payout.payAt', 'Claims.update (3)', 'http.post', 'Return (2)'],
    skips: ['Set approver (2)', 'ClaimUpdates.publish (2)', 'ClaimUpdates.publish (3)', 'Return'],
    calls: { 'await requestApproval': 1 },
    inputs: {
      'await requestApproval': { FunctionName: '${RequestApprovalFunctionArn}', Payload: { claim, approver: 'max', callback: token } },
      'Claims.update (2)': decided('APPROVED', 'max', 'fine'),
      'Claims.update (3)': {
        TableName: '${ClaimsTableName}',
        Key: { id: { S: 'c1' } },
        UpdateExpression: 'SET #f0 = :v0, #f1 = :v1',
        ExpressionAttributeNames: { '#f0': 'status', '#f1': 'payoutId' },
        ExpressionAttributeValues: { ':v0': { S: 'PAID' }, ':v1': { S: 'p1' } },
      },
      'http.post': {
        ApiEndpoint: 'https://slack.com/api/chat.postMessage',
        Method: 'POST',
        Authentication: { ConnectionArn: '${SlackConnectionArn}' },
        RequestBody: { channel: '#expenses', text: 'Paid EUR 120 to ann (claim c1, approved by max)' },
      },
    },
  },
  {
    name: 'a large claim goes to the finance director, who rejects it without a comment',
    flow: 'expense',
    input: { claim: { ...claim, amount: 8000 } },
    mocks: { ...base, 'await requestApproval': { return: { approved: false, approver: 'fd' } }, 'ClaimUpdates.publish (2)': published },
    output: { id: 'c1', status: 'REJECTED', approver: 'finance-director' },
    visits: ['Set approver', 'Set approver (2)', 'await requestApproval', 'Set status (2)', 'Claims.update (2)', 'ClaimUpdates.publish (2)', 'Return (2)'],
    skips: ['schedulePayout', 'ClaimUpdates.publish (3)', 'Fail ApprovalExpired'],
    inputs: {
      'await requestApproval': { FunctionName: '${RequestApprovalFunctionArn}', Payload: { claim: { ...claim, amount: 8000 }, approver: 'finance-director', callback: token } },
      'Claims.update (2)': decided('REJECTED', 'finance-director', ''),
      'ClaimUpdates.publish (2)': {
        TopicArn: '${ClaimUpdatesTopicArn}',
        Message: { id: 'c1', employee: 'ann@example.com', status: 'REJECTED', comment: '' },
        Subject: 'Expense claim c1 rejected',
      },
    },
  },
  {
    name: 'a week without an answer: escalated to the finance director, who approves',
    flow: 'expense',
    input: { claim },
    mocks: { ...base, ...paid, 'await requestApproval': [timedOut, approvedBy('fd')] },
    output: { id: 'c1', status: 'APPROVED', approver: 'finance-director' },
    visits: ['await requestApproval', 'Set approver (3)', 'Set attempt', 'While attempt <= 2', 'await requestApproval', 'Set status',
      'Claims.update (2)', 'schedulePayout', 'http.post'],
    skips: ['ClaimUpdates.publish', 'wait 15m'],
    calls: { 'await requestApproval': 2 },
    inputs: {
      'Claims.update (2)': decided('APPROVED', 'finance-director', ''),
      'http.post': {
        ApiEndpoint: 'https://slack.com/api/chat.postMessage',
        Method: 'POST',
        Authentication: { ConnectionArn: '${SlackConnectionArn}' },
        RequestBody: { channel: '#expenses', text: 'Paid EUR 120 to ann (claim c1, approved by finance-director)' },
      },
    },
  },
  {
    name: 'no answer in two rounds: expired, the employee is told, the flow fails',
    flow: 'expense',
    input: { claim },
    mocks: { ...base, 'await requestApproval': timedOut, 'ClaimUpdates.publish (3)': published },
    error: 'ApprovalExpired',
    cause: 'claim c1 got no decision in two rounds',
    visits: ['await requestApproval', 'Set approver (3)', 'await requestApproval', 'Set approver (3)', 'If status == \'PENDING\'',
      'Set status (3)', 'Claims.update (2)', 'Switch status', 'ClaimUpdates.publish (3)'],
    skips: ['schedulePayout', 'ClaimUpdates.publish (2)', 'Return (2)'],
    calls: { 'await requestApproval': 2 },
    inputs: {
      'Claims.update (2)': decided('EXPIRED', 'finance-director', ''),
      'ClaimUpdates.publish (3)': {
        TopicArn: '${ClaimUpdatesTopicArn}',
        Message: { id: 'c1', employee: 'ann@example.com', status: 'EXPIRED' },
        Subject: 'Expense claim c1 expired',
      },
    },
  },
  {
    name: 'the reminders stop heart-beating: ops are alerted, the manager is asked again and approves',
    flow: 'expense',
    input: { claim },
    mocks: {
      ...base, ...paid,
      'await requestApproval': [{ throw: 'States.HeartbeatTimeout', cause: 'no heartbeat' }, approvedBy('max')],
      'ClaimUpdates.publish': published,
    },
    output: { id: 'c1', status: 'APPROVED', approver: 'max' },
    visits: ['await requestApproval', 'ClaimUpdates.publish (bind e)', 'ClaimUpdates.publish', 'wait 15m', 'Set attempt',
      'await requestApproval', 'Set status', 'Claims.update (2)'],
    skips: ['Set approver (3)'],
    calls: { 'await requestApproval': 2, 'ClaimUpdates.publish': 1 },
    inputs: {
      'ClaimUpdates.publish': {
        TopicArn: '${ClaimUpdatesTopicArn}',
        Message: { id: 'c1', problem: 'States.HeartbeatTimeout' },
        Subject: 'approval reminders stalled',
      },
    },
  },
  {
    name: 'transient errors of DynamoDB, Lambda and Slack are retried',
    flow: 'expense',
    input: { claim },
    mocks: {
      ...base, ...paid,
      'Claims.put': [{ throw: 'DynamoDB.ThrottlingException' }, ok],
      'await requestApproval': approvedBy('max'),
      schedulePayout: [{ throw: 'Lambda.TooManyRequestsException' }, paid.schedulePayout],
      'http.post': [{ throw: 'States.Http.StatusCode.503' }, { throw: 'States.Http.Socket' }, paid['http.post']],
    },
    output: { id: 'c1', status: 'APPROVED', approver: 'max' },
    calls: { 'Claims.put': 2, schedulePayout: 2, 'http.post': 3 },
  },
  {
    name: 'a decision answered with SendTaskFailure is not caught: the flow fails with it',
    flow: 'expense',
    input: { claim },
    mocks: { ...base, 'await requestApproval': { throw: 'ClaimWithdrawn', cause: 'withdrawn by ann' } },
    error: 'ClaimWithdrawn',
    cause: 'withdrawn by ann',
    calls: { 'await requestApproval': 1 },
    skips: ['Set approver (3)', 'ClaimUpdates.publish', 'Claims.update (2)'],
  },
];
