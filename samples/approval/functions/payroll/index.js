// Books an approved reimbursement into the next payroll run (the 25th, or the next business
// day after it) and tells the flow when to wait until.
'use strict';

const crypto = require('node:crypto');

function nextPayday(from) {
  let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 25, 9, 0, 0));
  if (d <= from) d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 25, 9));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

exports.schedule = async ({ claim }) => {
  const payAt = nextPayday(new Date());
  const payoutId = crypto.createHash('sha256').update(`payout:${claim.id}`).digest('hex').slice(0, 20);
  console.log(JSON.stringify({ msg: 'payout scheduled', claim: claim.id, payoutId, payAt }));
  return { payoutId, payAt: payAt.toISOString() };
};
