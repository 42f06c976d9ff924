// Card payments through the provider named by PAYMENT_PROVIDER. Errors are thrown with the
// names the flow catches (PaymentDeclined, CardExpired, PaymentProviderUnavailable).
'use strict';

const API = process.env.PAYMENT_API_URL || 'https://api.stripe.com/v1';
const KEY = process.env.PAYMENT_API_KEY || '';

class FlowError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

async function call(path, params, idempotencyKey) {
  const res = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${KEY}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Idempotency-Key': idempotencyKey,
    },
    body: new URLSearchParams(params).toString(),
  });
  const body = await res.json();
  if (res.status >= 500 || res.status === 429) {
    throw new FlowError('PaymentProviderUnavailable', `provider answered ${res.status}`);
  }
  if (res.status === 402) {
    const code = body.error && body.error.code;
    throw new FlowError(code === 'expired_card' ? 'CardExpired' : 'PaymentDeclined',
                        (body.error && body.error.message) || 'card declined');
  }
  if (!res.ok) throw new FlowError('PaymentError', JSON.stringify(body));
  return body;
}

exports.charge = async ({ order }) => {
  const amount = Math.round(order.total * 100);
  const charge = await call('/payment_intents', {
    amount: String(amount),
    currency: order.currency.toLowerCase(),
    customer: order.customer,
    confirm: 'true',
    statement_descriptor: process.env.STATEMENT_DESCRIPTOR || '',
    'metadata[orderId]': order.id,
  }, `charge-${order.id}`);
  return { chargeId: charge.id, amount: order.total };
};

exports.refund = async ({ chargeId, amount, reason }) => {
  const refund = await call('/refunds', {
    payment_intent: chargeId,
    amount: String(Math.round(amount * 100)),
    'metadata[reason]': reason,
  }, `refund-${chargeId}`);
  return { refundId: refund.id };
};
