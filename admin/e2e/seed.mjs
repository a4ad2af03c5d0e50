// Seeds a demo data set through the public API, as the bot and an operator would create it:
// referrers with referred customers, paid / failed / pending orders, released commissions,
// withdrawals in every state and an open fraud flag. Used by operations.mjs; runnable alone:
//
//   node e2e/seed.mjs <baseUrl> <adminTelegramId> <adminPassword> <botApiKey>
//
// Every id is made unique per run (a random prefix), so a seed can run on a used database.

export function apiClient(baseUrl, botApiKey) {
  let token = null;
  async function call(query, variables, headers) {
    const response = await fetch(new URL('/graphql', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`${body.errors[0].message} (${query.slice(0, 60).trim()}…)`);
    return body.data;
  }
  return {
    async login(telegramId, password) {
      const data = await call(
        'mutation($t: String!, $p: String!) { login(telegramId: $t, password: $p) { accessToken } }',
        { t: telegramId, p: password },
      );
      token = data.login.accessToken;
      return token;
    },
    admin: (query, variables) => call(query, variables, { authorization: `Bearer ${token}` }),
    bot: (query, variables) => call(query, variables, { 'x-api-key': botApiKey }),
  };
}

const REGISTER = `mutation($input: RegisterUserInput!) { registerUser(input: $input) { id telegramId referralCode } }`;
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }`;
const CONFIRM = `mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }`;
const FAIL = `mutation($input: ConfirmPaymentInput!) { failPayment(input: $input) { id status } }`;
const REQUEST = `mutation($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id status } }`;
const SETTING = `mutation($key: String!, $value: JSON!) { updateSetting(key: $key, value: $value) { key } }`;

/**
 * Returns what the e2e test needs to find: the run's prefix, the referrers, the withdrawals
 * by the state they were left in, the failed payment's transaction id and the flagged user.
 */
export async function seed(api, { referrers: referrerCount = 10, perReferrer = 5 } = {}) {
  const run = `${Date.now() % 1_000_000}${Math.floor(Math.random() * 90 + 10)}`;
  // Commissions are released at once for the seed, and the hold put back after.
  const { Setting: hold } = await api.admin('{ Setting(id: "commission_hold_hours") { value } }');
  await api.admin(SETTING, { key: 'commission_hold_hours', value: 0 });
  await api.admin(SETTING, { key: 'min_withdrawal_amount', value: 5000 });
  let telegram = Number(run) * 1000;
  const register = async (referralCode, index) => {
    telegram += 1;
    const { registerUser } = await api.bot(REGISTER, {
      input: {
        telegramId: String(telegram),
        username: `demo_${run}_${index}`,
        firstName: `Demo ${index}`,
        deviceId: `device-${run}-${index}`,
        referralCode,
      },
    });
    return registerUser;
  };

  const referrers = [];
  for (let r = 0; r < referrerCount; r += 1) referrers.push(await register(undefined, `r${r}`));
  const customers = [];
  let orderIndex = 0;
  let failedTransactionId = null;
  for (const [r, referrer] of referrers.entries()) {
    for (let c = 0; c < perReferrer; c += 1) {
      const customer = await register(referrer.referralCode, `r${r}c${c}`);
      customers.push(customer);
      // Three orders in four are paid, one in ten fails, the rest stay pending.
      for (let o = 0; o < (c % 2) + 1; o += 1) {
        orderIndex += 1;
        const { createOrder } = await api.bot(CREATE_ORDER, {
          input: { telegramId: customer.telegramId, paymentMethod: 'UPI', upiId: `buyer${run}${orderIndex}@upi` },
        });
        const transactionId = `TX${run}${orderIndex}`;
        if (orderIndex % 10 === 3) {
          await api.bot(FAIL, { input: { orderId: createOrder.id, transactionId: `FAILED${transactionId}` } });
          failedTransactionId ??= `FAILED${transactionId}`;
        } else if (orderIndex % 10 !== 7) {
          await api.bot(CONFIRM, { input: { orderId: createOrder.id, transactionId } });
        }
      }
    }
  }
  await api.admin('mutation { processPendingCommissions }');
  await api.admin(SETTING, { key: 'commission_hold_hours', value: hold.value });

  // Every referrer asks for ₹50; two share one UPI ID (a risk the queue shows).
  const withdrawals = [];
  for (const [r, referrer] of referrers.entries()) {
    const upiId = r === 1 ? `shared${run}@upi` : r === 2 ? `SHARED${run}@upi` : `ref${run}${r}@upi`;
    const { requestWithdrawal } = await api.bot(REQUEST, {
      input: { telegramId: referrer.telegramId, amount: 5000, upiId },
    });
    withdrawals.push({ ...requestWithdrawal, userId: referrer.id, referrer });
  }
  // The last referrer is under review: an open manual flag holds their withdrawal.
  const flagged = referrers[referrers.length - 1];
  const { createFraudFlag } = await api.admin(
    `mutation($input: CreateFraudFlagInput!) { createFraudFlag(input: $input) { id } }`,
    { input: { userId: flagged.id, type: 'MANUAL', severity: 'HIGH', reason: 'Same phone seen on several accounts' } },
  );
  // A purchase after the flag: its commission stays pending, held by the flag.
  const flaggedCustomer = customers[(referrers.length - 1) * perReferrer];
  const { createOrder: heldOrder } = await api.bot(CREATE_ORDER, {
    input: { telegramId: flaggedCustomer.telegramId, paymentMethod: 'UPI', upiId: `held${run}@upi` },
  });
  await api.bot(CONFIRM, { input: { orderId: heldOrder.id, transactionId: `TXHELD${run}` } });
  return { run, referrers, customers, withdrawals, failedTransactionId, flagged, flagId: createFraudFlag.id };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [baseUrl, telegramId, password, botApiKey] = process.argv.slice(2);
  const api = apiClient(baseUrl, botApiKey);
  await api.login(telegramId, password);
  const result = await seed(api);
  console.log(JSON.stringify({ run: result.run, failedTransactionId: result.failedTransactionId, flagged: result.flagged.id }));
}
