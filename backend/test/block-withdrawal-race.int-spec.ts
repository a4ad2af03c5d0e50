import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { holdWallets, startWaiting } from './support/locks.js';
import { buy, expectNoDrift, expireHolds, REQUEST_WITHDRAWAL, seedUser, setSetting, walletOf } from './support/money.js';
import { seededRandom, seedFrom } from './support/random.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const BLOCK = 'mutation($id: ID!, $reason: String!) { blockUser(id: $id, reason: $reason) { id status } }';
const UNBLOCK = 'mutation($id: ID!) { unblockUser(id: $id) { id status } }';

/** How long the randomized race runs (a few seconds in CI). */
const RACE_MS = Number(process.env.BLOCK_RACE_MS ?? 4000);

/**
 * The contract: "A blocked user ... cannot withdraw". Whatever order blockUser and a concurrent
 * requestWithdrawal reach the database in, once both have committed the blocked user holds no
 * open (PENDING or APPROVED) withdrawal and no locked money.
 */
describe('blocking a user while they request a withdrawal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    // one paid order earns the referrer ₹600 (30% of a ₹2,000 profit); minimum ₹100
    await setSetting(t, 'product_price', 200000);
    await setSetting(t, 'product_cost', 0);
    await setSetting(t, 'min_withdrawal_amount', 10000);
  });
  afterEach(() => expectNoDrift(t));
  afterAll(() => t.close());

  async function earner() {
    const referrer = await seedUser(t);
    await buy(t, await seedUser(t, referrer.id));
    await expireHolds(t);
    await t.admin('mutation { processPendingCommissions }');
    expect(await walletOf(t, referrer)).toMatchObject({ available: 60000 });
    return referrer;
  }

  const request = (telegramId: string, amount = 50000) =>
    t.bot(REQUEST_WITHDRAWAL, { input: { telegramId, amount, upiId: `race${telegramId}@okaxis` } });

  /** Which of these users are blocked with an open withdrawal: must always be none. */
  const blockedWithOpenWithdrawal = async (...users: { id: number }[]) =>
    (
      await t.db.query(
        `SELECT w.id, w.user_id, w.status FROM withdrawals w JOIN users u ON u.id = w.user_id
         WHERE u.status = 'BLOCKED' AND w.status IN ('PENDING', 'APPROVED') AND u.id = ANY($1::bigint[])`,
        [users.map((user) => user.id)],
      )
    ).rows;

  it('refuses a request that reaches the wallet after a block that got there first', async () => {
    const user = await earner();
    const hold = await holdWallets(t, user.id);
    // the block locks the user's row, marks it BLOCKED and waits for the wallet ...
    const block = await startWaiting(t, 0, () => t.admin(BLOCK, { id: String(user.id), reason: 'chargebacks' }));
    // ... and the request, started while the block is still uncommitted, queues behind it
    const withdrawal = await startWaiting(t, 1, () => request(user.telegramId));
    await hold.release();

    expect((await block.outcome).data?.blockUser.status).toBe('BLOCKED');
    const refused = await withdrawal.outcome;
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'USER_BLOCKED' } });
    expect(await blockedWithOpenWithdrawal(user)).toEqual([]);
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
  });

  it('rejects a request that got to the wallet before the block, returning its money', async () => {
    const user = await earner();
    const hold = await holdWallets(t, user.id);
    const withdrawal = await startWaiting(t, 0, () => request(user.telegramId));
    const block = await startWaiting(t, 1, () => t.admin(BLOCK, { id: String(user.id), reason: 'chargebacks' }));
    await hold.release();

    const accepted = await withdrawal.outcome;
    expect(accepted.data?.requestWithdrawal).toMatchObject({ status: 'PENDING', amount: 50000 });
    expect((await block.outcome).data?.blockUser.status).toBe('BLOCKED');
    const { rows } = await t.db.query('SELECT status, reject_reason FROM withdrawals WHERE id = $1', [accepted.data!.requestWithdrawal.id]);
    expect(rows).toEqual([{ status: 'REJECTED', reject_reason: 'Account blocked: chargebacks' }]);
    expect(await blockedWithOpenWithdrawal(user)).toEqual([]);
    expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
  });

  it('never leaves a blocked user with an open withdrawal when blocks and requests race at random', async () => {
    const seed = seedFrom('BLOCK_RACE_SEED');
    const random = seededRandom(seed);
    const users = [];
    for (let i = 0; i < 4; i++) users.push(await earner());
    const deadline = Date.now() + RACE_MS;
    const tally = { rounds: 0, requestsAccepted: 0, requestsRefusedBlocked: 0, requestsRejectedByBlock: 0 };

    // each user's own loop: request and block at once (each after a random pause of 0–3 ms), check, undo
    await Promise.all(
      users.map(async (user) => {
        while (Date.now() < deadline) {
          const pause = () => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
          const [requested, blocked] = await Promise.all([
            pause().then(() => request(user.telegramId)),
            pause().then(() => t.admin(BLOCK, { id: String(user.id), reason: 'race' })),
          ]);
          expect(blocked.errors).toBeUndefined();
          if (requested.errors) {
            expect(requested.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_BLOCKED' });
            tally.requestsRefusedBlocked += 1;
          } else {
            tally.requestsAccepted += 1;
            const { rows } = await t.db.query('SELECT status FROM withdrawals WHERE id = $1', [requested.data!.requestWithdrawal.id]);
            if (rows[0].status === 'REJECTED') tally.requestsRejectedByBlock += 1;
          }
          expect(await blockedWithOpenWithdrawal(user)).toEqual([]);
          expect(await walletOf(t, user)).toMatchObject({ available: 60000, locked: 0 });
          expect((await t.admin(UNBLOCK, { id: String(user.id) })).errors).toBeUndefined();
          tally.rounds += 1;
        }
      }),
    );
    console.log(`block/withdrawal race (seed ${seed}): ${JSON.stringify(tally)}`);
    expect(tally.rounds).toBeGreaterThan(0);
    expect(codeOf(await request(users[0].telegramId))).toBeUndefined();
  });
});
