// Scenarios of samples/checkout (the saga), run by tests/exec/jsonpath_scenarios.mjs.
import { lambda } from '../sfn_local.mjs';

const order = {
  id: 'o1', customer: 'c1', email: 'c1@example.com',
  items: [{ sku: 's1', qty: 2, price: 5 }], total: 10, currency: 'EUR',
};
const ok = { return: {} };
const reserved = lambda({ reservationId: 'r1', expiresAt: '2026-12-01T00:00:00Z' });
const charged = lambda({ chargeId: 'ch1', amount: 10 });
const shipped = lambda({ trackingId: 't1', carrier: 'dhl', eta: '2026-12-03' });
const happyMocks = {
  'Orders.put': ok,
  reserveInventory: reserved,
  chargePayment: charged,
  createShipment: shipped,
  'Orders.update (2)': ok,
  'Shop.put': { return: { Entries: [{ EventId: 'e1' }], FailedEntryCount: 0 } },
  'Fulfilment.send': { return: { MessageId: 'm1' } },
};

export const scenarios = [
  {
    name: 'happy path: reserved, charged, shipped, announced',
    flow: 'checkout',
    input: { order },
    mocks: happyMocks,
    output: { id: 'o1', status: 'CONFIRMED', trackingId: 't1' },
    visits: ['Orders.put', 'reserveInventory', 'chargePayment', 'createShipment', 'Orders.update (2)', 'Parallel', 'Return'],
    skips: ['refundPayment', 'releaseInventory'],
    inputs: {
      'Orders.update (2)': {
        TableName: '${OrdersTableName}',
        Key: { id: { S: 'o1' } },
        UpdateExpression: 'SET #f0 = :v0, #f1 = :v1, #f2 = :v2',
        ExpressionAttributeNames: { '#f0': 'status', '#f1': 'chargeId', '#f2': 'trackingId' },
        ExpressionAttributeValues: { ':v0': { S: 'CONFIRMED' }, ':v1': { S: 'ch1' }, ':v2': { S: 't1' } },
      },
      'Fulfilment.send': {
        QueueUrl: '${FulfilmentQueueUrl}',
        MessageBody: { orderId: 'o1', items: order.items, trackingId: 't1' },
        MessageGroupId: 'c1',
        MessageDeduplicationId: 'o1',
      },
    },
  },
  {
    name: 'a retry of the payment provider that succeeds',
    flow: 'checkout',
    input: { order },
    mocks: { ...happyMocks, chargePayment: [{ throw: 'PaymentProviderUnavailable' }, charged] },
    output: { id: 'o1', status: 'CONFIRMED', trackingId: 't1' },
    calls: { chargePayment: 2 },
    skips: ['releaseInventory'],
  },
  {
    name: 'shipment fails after its retries: refund, release, alert, fail',
    flow: 'checkout',
    input: { order },
    mocks: {
      ...happyMocks,
      createShipment: { throw: 'CarrierUnavailable', cause: 'no carrier' },
      refundPayment: lambda(null),
      releaseInventory: lambda(null),
      'Orders.update (3)': ok,
      'Alerts.publish': { return: { MessageId: 'a1' } },
    },
    error: 'CheckoutFailed',
    cause: 'order o1: ShipmentFailed',
    calls: { createShipment: 4, refundPayment: 1, releaseInventory: 1 },
    visits: ['createShipment', 'refundPayment (bind e)', 'refundPayment', 'Fail ShipmentFailed', 'releaseInventory',
      'Orders.update (3)', 'Switch e.error', 'Alerts.publish', 'Fail CheckoutFailed'],
    skips: ['Orders.update (2)', 'Return', 'Shop.put (2)'],
    inputs: {
      refundPayment: {
        FunctionName: '${RefundPaymentFunctionArn}',
        Payload: { chargeId: 'ch1', amount: 10, reason: 'shipment failed: CarrierUnavailable' },
      },
    },
  },
  {
    name: 'payment declined: release the stock, tell the customer, fail',
    flow: 'checkout',
    input: { order },
    mocks: {
      ...happyMocks,
      chargePayment: { throw: 'PaymentDeclined', cause: 'insufficient funds' },
      releaseInventory: lambda(null),
      'Orders.update (3)': ok,
      'Shop.put (2)': { return: { Entries: [{ EventId: 'e2' }], FailedEntryCount: 0 } },
    },
    error: 'CheckoutFailed',
    cause: 'order o1: PaymentDeclined',
    visits: ['chargePayment', 'releaseInventory (bind e)', 'releaseInventory', 'Orders.update (3)', 'Switch e.error', 'Shop.put (2)', 'Fail CheckoutFailed'],
    skips: ['createShipment', 'Alerts.publish'],
    inputs: {
      'Orders.update (3)': {
        TableName: '${OrdersTableName}',
        Key: { id: { S: 'o1' } },
        UpdateExpression: 'SET #f0 = :v0, #f1 = :v1',
        ExpressionAttributeNames: { '#f0': 'status', '#f1': 'reason' },
        ExpressionAttributeValues: { ':v0': { S: 'FAILED' }, ':v1': { S: 'PaymentDeclined' } },
      },
    },
  },
  {
    name: 'out of stock: the order is rejected without compensation',
    flow: 'checkout',
    input: { order },
    mocks: { ...happyMocks, reserveInventory: { throw: 'OutOfStock', cause: 'sku s1' }, 'Orders.update': ok },
    error: 'OutOfStock',
    cause: 'sku s1',
    visits: ['reserveInventory', 'Orders.update (bind e)', 'Orders.update', 'Fail OutOfStock'],
    skips: ['chargePayment', 'releaseInventory'],
  },
  {
    name: 'an order without items is refused before anything is written',
    flow: 'checkout',
    input: { order: { ...order, items: [] } },
    error: 'EmptyOrder',
    cause: 'order o1 has no items',
    skips: ['Orders.put'],
  },
];
