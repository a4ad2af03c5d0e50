// Browser check of the reporting screens (dashboard, reports, payment monitoring) against a
// running backend. It seeds a few users and orders through the bot and admin API, checks that
// the API's figures moved by exactly what that seed makes (arithmetic on the contract's
// defaults), then checks that every figure the panel shows is the API's answer.
//
//   E2E_BASE_URL      the backend (default http://127.0.0.1:3000)
//   E2E_TELEGRAM_ID   an admin's Telegram ID
//   E2E_PASSWORD      that admin's password
//   E2E_BOT_API_KEY   the server's BOT_API_KEY (the seed registers users and orders)
//   CHROMIUM_PATH     the browser (default /usr/bin/chromium)
//   E2E_SCREENSHOTS   a folder: also save each screen in light and dark mode, 1440 and 390 px wide
//   E2E_SKIP_REFRESH  set to skip waiting 30 s for the dashboard's own refresh
//
// The expected figures come from the settings it reads (₹135 price, ₹42 cost, ₹28 + ₹9 of
// commissions by default), and it works on a database that already holds data: it compares
// the figures before and after its seed.
import { mkdirSync, readFileSync } from 'node:fs';
import { nothingFailedStep, openBrowser, runSteps } from './harness.mjs';

const baseUrl = new URL(process.env.E2E_BASE_URL || 'http://127.0.0.1:3000');
const telegramId = process.env.E2E_TELEGRAM_ID;
const password = process.env.E2E_PASSWORD;
const botApiKey = process.env.E2E_BOT_API_KEY;
const lookDir = process.env.E2E_SCREENSHOTS;
const TIMEOUT_MS = 20_000;
const REFRESH_MS = 30_000;

if (!telegramId || !password || !botApiKey) {
  console.error('Set E2E_TELEGRAM_ID, E2E_PASSWORD (an admin of the server) and E2E_BOT_API_KEY.');
  process.exit(2);
}

const url = (path) => new URL(path, baseUrl).href;

// --- the API, as the bot and an admin call it -------------------------------------------------

async function graphql(query, variables, headers) {
  const response = await fetch(url('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${body.errors[0].message} in ${query.trim().split('\n')[0]}`);
  return body.data;
}

const bot = (query, variables) => graphql(query, variables, { 'x-api-key': botApiKey });
let adminToken;
const admin = (query, variables) => graphql(query, variables, { authorization: `Bearer ${adminToken}` });

const PERIOD =
  'from to newUsers referredUsers paidOrders revenue profit commissions refundedOrders refundedAmount failedPayments withdrawalsPaid';
const DASHBOARD_STATS = `{ dashboardStats { asOf today { ${PERIOD} } yesterday { ${PERIOD} } overall { ${PERIOD} }
  liabilities { pending available locked } } }`;

// --- what the seed must add, from the settings now ------------------------------------------

let PRICE;
let COST;
let LEVEL1;
let LEVEL2;

/** Price, cost and the two commissions one sale makes at today's settings (CONTRACT.md). */
async function readTerms() {
  const setting = async (id) => (await admin('query ($id: ID!) { Setting(id: $id) { value } }', { id })).Setting.value;
  PRICE = await setting('product_price');
  COST = await setting('product_cost');
  const rounding = await setting('commission_rounding');
  const share = async (key) => {
    const paise = ((PRICE - COST) * (await setting(key))) / 100;
    // RUPEE: half-up to whole rupees (27.90 → 28, 9.30 → 9); PAISE: to the paisa.
    return rounding === 'RUPEE' ? Math.floor((paise + 50) / 100) * 100 : Math.floor(paise + 0.5);
  };
  LEVEL1 = await share('level1_commission_percent');
  LEVEL2 = await share('level2_commission_percent');
}

const run = String(Date.now()).slice(-9);
const seeded = {};

/**
 * Six users (B referred by A, C by B), five orders: B's and C's paid, F's paid then refunded,
 * D's failed, E's left pending.
 */
async function seed() {
  const register = async (name, referralCode) =>
    (
      await bot(
        `mutation ($input: RegisterUserInput!) { registerUser(input: $input) { id telegramId referralCode } }`,
        { input: { telegramId: `7${run}${name.charCodeAt(0)}`, username: `e2e_${name}_${run}`, referralCode } },
      )
    ).registerUser;
  const a = await register('a');
  const b = await register('b', a.referralCode);
  const c = await register('c', b.referralCode);
  const d = await register('d');
  const e = await register('e');
  const f = await register('f');
  const order = async (user) =>
    (
      await bot(`mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }`, {
        input: { telegramId: user.telegramId, paymentMethod: 'UPI', upiId: `${user.telegramId}@upi` },
      })
    ).createOrder.id;
  const confirm = (orderId, transactionId) =>
    bot(`mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }`, {
      input: { orderId, transactionId },
    });
  seeded.paidB = await order(b);
  await confirm(seeded.paidB, `e2e-pay-b-${run}`);
  seeded.paidC = await order(c);
  await confirm(seeded.paidC, `e2e-pay-c-${run}`);
  seeded.refundedF = await order(f);
  await confirm(seeded.refundedF, `e2e-pay-f-${run}`);
  await admin(`mutation ($id: ID!) { refundOrder(id: $id, reason: "e2e refund") { id status } }`, {
    id: seeded.refundedF,
  });
  seeded.failedD = await order(d);
  seeded.failedTransactionId = `e2e-fail-d-${run}`;
  await bot(`mutation ($input: ConfirmPaymentInput!) { failPayment(input: $input) { id status } }`, {
    input: { orderId: seeded.failedD, transactionId: seeded.failedTransactionId },
  });
  seeded.pendingE = await order(e);
}

const expectedDelta = () => ({
  newUsers: 6,
  referredUsers: 2,
  paidOrders: 3,
  revenue: 3 * PRICE,
  profit: 3 * (PRICE - COST),
  // B's order pays A (level 1); C's pays B (level 1) and A (level 2); F was referred by no one.
  commissions: LEVEL1 + LEVEL1 + LEVEL2,
  refundedOrders: 1,
  refundedAmount: PRICE,
  failedPayments: 1,
  withdrawalsPaid: 0,
});

// --- reading the page --------------------------------------------------------------------------

/** The digits of a shown figure: "₹1,23,450.50" → 12345050, "1,234" → 1234, "-₹9.00" → -900. */
function digitsOf(text) {
  const digits = text.replace(/[^\d-]/g, '');
  if (!/^-?\d+$/.test(digits)) throw new Error(`no number in "${text}"`);
  return Number(digits);
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const ratioText = (ratio) => `${Math.round(ratio * 1000) / 10}%`;

async function shownFigure(name) {
  const locator = page.locator(`[data-figure="${name}"]`).first();
  await locator.waitFor();
  return (await locator.innerText()).trim();
}

/** A money figure must read as rupees with two decimals and Indian grouping, and be exact. */
async function expectMoney(name, paise) {
  const text = await shownFigure(name);
  if (!/^-?₹\d{1,2}(,\d{2})*(,\d{3})?\.\d{2}$|^-?₹\d{1,3}\.\d{2}$/.test(text.replace(/^yesterday /, ''))) {
    throw new Error(`${name} is not written as rupees: "${text}"`);
  }
  assertEqual(digitsOf(text), paise, name);
}

async function expectCount(name, count) {
  assertEqual(digitsOf(await shownFigure(name)), count, name);
}

/** The JSON answer to the page's next GraphQL operation of that name (with those variables). */
function nextAnswer(operationName, wanted = {}) {
  return page
    .waitForResponse((response) => {
      const body = response.request().postData() ?? '';
      if (!response.url().endsWith('/graphql') || !body.includes(`query ${operationName}`)) return false;
      const { variables } = JSON.parse(body);
      return Object.entries(wanted).every(([name, value]) => variables[name] === value);
    })
    .then(async (response) => {
      const body = await response.json();
      if (body.errors?.length) throw new Error(`${operationName}: ${body.errors[0].message}`);
      return { data: body.data, variables: JSON.parse(response.request().postData()).variables };
    });
}

// --- the browser ---------------------------------------------------------------------------------

const { browser, page, problems } = await openBrowser({ baseUrl, timeoutMs: TIMEOUT_MS, viewport: { width: 1440, height: 900 } });
const scripts = [];
page.on('request', (request) => {
  if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
});
const dashboardAnswers = [];
page.on('response', (response) => {
  if ((response.request().postData() ?? '').includes('query Dashboard')) dashboardAnswers.push(Date.now());
});

/** Saves the screen in both modes at a desktop and a phone width (E2E_SCREENSHOTS only). */
async function look(name) {
  if (!lookDir) return;
  mkdirSync(lookDir, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    // The toggle is switched at desktop width: on a phone the open menu covers the app bar.
    await page.setViewportSize({ width: 1440, height: 900 });
    await setScheme(scheme);
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${lookDir}/${name}-${scheme}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await setScheme('light');
}

// react-admin keeps the chosen mode in its store (localStorage); the app bar's toggle flips it.
async function setScheme(scheme) {
  const stored = () =>
    page.evaluate(() => Object.entries(localStorage).find(([key]) => key.endsWith('.theme'))?.[1] ?? '"light"');
  if ((await stored()) === JSON.stringify(scheme)) return;
  await page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
  await page.waitForFunction(
    (wanted) => Object.entries(localStorage).find(([key]) => key.endsWith('.theme'))?.[1] === wanted,
    JSON.stringify(scheme),
  );
  await page.waitForTimeout(300);
}

let before;
let after;

const steps = [
  [
    'the API counts the seed exactly: six users, three paid orders, one refund, one failure',
    async () => {
      adminToken = (
        await graphql(
          'mutation ($telegramId: String!, $password: String!) { login(telegramId: $telegramId, password: $password) { accessToken } }',
          { telegramId, password },
        )
      ).login.accessToken;
      await readTerms();
      before = (await admin(DASHBOARD_STATS)).dashboardStats;
      await seed();
      after = (await admin(DASHBOARD_STATS)).dashboardStats;
      if (after.today.from !== before.today.from) throw new Error('the day changed during the seed; run again');
      for (const [figure, delta] of Object.entries(expectedDelta())) {
        assertEqual(after.today[figure] - before.today[figure], delta, `today.${figure} grew by`);
        assertEqual(after.overall[figure] - before.overall[figure], delta, `overall.${figure} grew by`);
      }
      // The commissions wait out their hold (F's refund reversed nothing: F had no referrer).
      assertEqual(after.liabilities.pending - before.liabilities.pending, LEVEL1 + LEVEL1 + LEVEL2, 'pending liabilities grew by');
    },
  ],
  [
    'an admin signs in and the dashboard shows the API’s figures for today, yesterday and overall',
    async () => {
      await page.goto(url('/admin/'));
      // The first load of the panel's scripts can be slow on a busy CI machine.
      await page.locator('input[name="telegramId"]').waitFor({ timeout: 3 * TIMEOUT_MS });
      await page.locator('input[name="telegramId"]').fill(telegramId);
      await page.locator('input[name="password"]').fill(password);
      const [{ data }] = await Promise.all([
        nextAnswer('Dashboard'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      // Midnight in the reporting zone may have passed since the seed: then compare with today now.
      await followMidnight(data.stats.today.from);
      // Nothing changes the data now, so the page got the figures the API gives.
      for (const figure of Object.keys(expectedDelta())) {
        assertEqual(data.stats.today[figure], after.today[figure], `the dashboard's today.${figure}`);
      }
      const net = (stats) => stats.profit - stats.commissions;
      for (const when of ['today', 'yesterday']) {
        const stats = data.stats[when];
        await expectCount(`${when}.newUsers`, stats.newUsers);
        await expectCount(`${when}.paidOrders`, stats.paidOrders);
        await expectMoney(`${when}.revenue`, stats.revenue);
        await expectMoney(`${when}.profit`, stats.profit);
        await expectMoney(`${when}.commissions`, stats.commissions);
        await expectMoney(`${when}.net`, net(stats));
      }
      const { overall, liabilities } = data.stats;
      await expectCount('overall.newUsers', overall.newUsers);
      await expectCount('overall.paidOrders', overall.paidOrders);
      await expectMoney('overall.revenue', overall.revenue);
      await expectMoney('overall.net', net(overall));
      await expectMoney('overall.refundedAmount', overall.refundedAmount);
      await expectMoney('liabilities.pending', liabilities.pending);
      await expectMoney('liabilities.available', liabilities.available);
      await expectMoney('liabilities.locked', liabilities.locked);
      await expectMoney('liabilities.total', liabilities.pending + liabilities.available + liabilities.locked);
      // "Orders paid today" counts payments made today, not orders created today.
      const paidToday = page.locator('.MuiCard-root', { hasText: 'Orders paid today' }).locator('.MuiTypography-h4');
      assertEqual(digitsOf(await paidToday.innerText()), data.stats.today.paidOrders, 'the "Orders paid today" queue card');
      await page.getByText(/^Updated (just now|\d+ s ago)$/).waitFor();
    },
  ],
  [
    'the dashboard shows payment monitoring for today and the KPIs of the last 30 days',
    async () => {
      const { payments, kpis } = (
        await admin(
          `query ($todayFrom: DateTime!, $now: DateTime!, $kpisFrom: DateTime!) {
            payments: paymentMonitoring(from: $todayFrom, to: $now) { created paid failed pending stalePending successRate medianSecondsToPay }
            kpis(from: $kpisFrom, to: $now) { conversionRate referralConversionRate averageOrderValue commissionToProfitRatio activeReferrers refundRate }
          }`,
          dashboardRanges(),
        )
      );
      assertEqual(await shownFigure('payments.successRate'), ratioText(payments.successRate), 'payments.successRate');
      await expectCount('payments.created', payments.created);
      await expectCount('payments.stalePending', payments.stalePending);
      await expectCount('today.failedPayments', after.today.failedPayments);
      assertEqual(await shownFigure('kpis.conversionRate'), ratioText(kpis.conversionRate), 'kpis.conversionRate');
      assertEqual(await shownFigure('kpis.refundRate'), ratioText(kpis.refundRate), 'kpis.refundRate');
      assertEqual(
        await shownFigure('kpis.commissionToProfitRatio'),
        ratioText(kpis.commissionToProfitRatio),
        'kpis.commissionToProfitRatio',
      );
      await expectMoney('kpis.averageOrderValue', kpis.averageOrderValue);
      await expectCount('kpis.activeReferrers', kpis.activeReferrers);
    },
  ],
  [
    'the chart loads as its own chunk and draws the last 30 days; 7 days asks again',
    async () => {
      await page.locator('[role="figure"] svg').first().waitFor();
      if (!scripts.some((path) => /\/ReportChart-[^/]+\.js$/.test(path))) {
        throw new Error(`the chart chunk was not loaded separately; scripts: ${scripts.join(', ')}`);
      }
      const [{ data, variables }] = await Promise.all([
        nextAnswer('Dashboard'),
        page.getByRole('button', { name: '7 days', exact: true }).click(),
      ]);
      assertEqual(variables.seriesInterval, 'DAY', 'the 7-day chart interval');
      assertEqual(data.series.length, 7, 'buckets in the last 7 days');
      await Promise.all([
        nextAnswer('Dashboard', { seriesFrom: variables.kpisFrom }),
        page.getByRole('button', { name: '30 days', exact: true }).click(),
      ]);
      await look('dashboard');
    },
  ],
  [
    'figures in crores fit their cards, on a desktop and on a 390 px phone',
    async () => {
      // The seed's figures are small; a business of crores is not. The Dashboard answer is
      // rewritten in the browser to such figures, and every card figure must stay inside its
      // card, whole (not cut or scrolled). ₹15,81,05,564.00 once overflowed a sixth of 1440 px.
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ]) {
        const big = await page.context().newPage();
        big.on('pageerror', (error) => problems.pageErrors.push(`${width} px crore page: ${error.message}`));
        try {
          await big.setViewportSize({ width, height });
          await big.route(url('/graphql'), async (route) => {
            if (!(route.request().postData() ?? '').includes('query Dashboard')) return route.continue();
            const response = await route.fetch();
            const body = await response.json();
            if (body.data) inCrores(body.data);
            await route.fulfill({ response, json: body });
          });
          await big.goto(url('/admin/'));
          await big.locator('[data-figure="today.revenue"]').waitFor({ timeout: 3 * TIMEOUT_MS });
          const shown = await big.locator('[data-figure="today.revenue"]').innerText();
          if (digitsOf(shown) !== CRORE_MONEY) throw new Error(`the rewritten answer was not shown: today's revenue reads "${shown}"`);
          const misfits = await big.evaluate(() =>
            [...document.querySelectorAll('.MuiCard-root [data-figure], .MuiCard-root .MuiTypography-h4')].flatMap((element) => {
              const card = element.closest('.MuiCard-root').getBoundingClientRect();
              const box = element.getBoundingClientRect();
              const cut = element.scrollWidth > element.clientWidth + 1;
              const outside = box.left < card.left - 1 || box.right > card.right + 1;
              return cut || outside ? [`${element.dataset.figure ?? element.textContent}: ${element.textContent} (${Math.round(box.width)} px in a ${Math.round(card.width)} px card${cut ? ', cut' : ''})`] : [];
            }),
          );
          if (misfits.length) throw new Error(`at ${width} px these figures do not fit their cards: ${misfits.join('; ')}`);
          // The rewritten queue counts have no rows behind them (as when a withdrawal is handled
          // between the count and the list): no "oldest" date is made up for them.
          const epoch = await big.getByText(/1970/).count();
          if (epoch) throw new Error(`a queue card shows a date of 1970 (${epoch} places)`);
          const checked = await big.locator('.MuiCard-root [data-figure]').count();
          if (checked < 20) throw new Error(`only ${checked} card figures found at ${width} px`);
          if (lookDir) await big.screenshot({ path: `${lookDir}/dashboard-crores-${width}.png`, fullPage: true });
        } finally {
          await big.close();
        }
      }
    },
  ],
  [
    'narrowing the window to a phone closes the menu, and widening it again brings the menu back',
    async () => {
      // react-admin keeps one "menu open" flag for every width: narrowed with the menu open,
      // the window came up with the phone's menu drawer over the page.
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.locator('.RaSidebar-open').first().waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(600);
      // (a closed drawer may stay mounted, hidden)
      const drawers = await page.evaluate(
        () => [...document.querySelectorAll('.MuiDrawer-modal')].filter((drawer) => getComputedStyle(drawer).visibility !== 'hidden').length,
      );
      if (drawers) throw new Error(`at 390 px the menu drawer is open over the page (${drawers})`);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.locator('.RaSidebar-open').first().waitFor({ timeout: 5_000 });

      // A desktop choice saved as closed survives a page opened narrow and then widened.
      const narrow = await page.context().newPage();
      narrow.on('pageerror', (error) => problems.pageErrors.push(`narrow page: ${error.message}`));
      try {
        await narrow.setViewportSize({ width: 390, height: 844 });
        await narrow.goto(page.url());
        await narrow.evaluate(() => {
          // react-admin's store writes "<prefix>.version" when it starts
          const key = Object.keys(localStorage).find((name) => /^RaStore.*\.version$/.test(name))?.replace(/\.version$/, '.sidebar.open');
          if (!key) throw new Error('no react-admin store in localStorage');
          localStorage.setItem(key, 'false');
        });
        await narrow.reload();
        await narrow.getByRole('button', { name: 'Open menu' }).or(narrow.getByLabel('Open menu')).first().waitFor();
        await narrow.setViewportSize({ width: 1440, height: 900 });
        await narrow.locator('.RaSidebar-closed').first().waitFor({ timeout: 5_000 });
      } finally {
        await narrow.evaluate(() => {
          for (const key of Object.keys(localStorage)) if (key.endsWith('.sidebar.open')) localStorage.removeItem(key);
        });
        await narrow.close();
      }
    },
  ],
  [
    'the dashboard refreshes itself within 30 s and says so',
    async () => {
      if (process.env.E2E_SKIP_REFRESH) return;
      // Without touching the page, the next Dashboard request goes out 30 s after the last one.
      const last = dashboardAnswers.at(-1);
      await page.waitForResponse((response) => (response.request().postData() ?? '').includes('query Dashboard'), {
        timeout: Math.max(0, last + REFRESH_MS + 5_000 - Date.now()),
      });
      const waited = Date.now() - last;
      if (waited < REFRESH_MS - 2_000) throw new Error(`asked again after ${waited} ms, before the 30 s refresh`);
      await page.getByText(/^Updated (just now|[1-4] s ago)$/).waitFor();
    },
  ],
  [
    'the reports page shows the API’s buckets, and today’s bucket holds the seed',
    async () => {
      const [{ data, variables }] = await Promise.all([
        nextAnswer('ReportSeries'),
        page.getByRole('menuitem', { name: 'Reports' }).click(),
      ]);
      const rows = page.locator('[data-testid="report-table"] tbody tr');
      await rows.first().waitFor();
      assertEqual(await rows.count(), data.reportSeries.length, 'table rows');
      await followMidnight(data.reportSeries.at(-1).from);
      const todayBucket = data.reportSeries.find(({ from }) => from === after.today.from);
      if (!todayBucket) throw new Error(`no bucket starts at today's midnight ${after.today.from}`);
      for (const figure of ['newUsers', 'paidOrders', 'revenue', 'profit', 'commissions', 'refundedAmount', 'failedPayments']) {
        // The same figure from two queries of the API must agree.
        assertEqual(todayBucket[figure], after.today[figure], `today's bucket ${figure} against dashboardStats`);
      }
      const todayRow = page.locator(`tr[data-bucket="${after.today.from}"]`);
      for (const [column, value] of [
        ['newUsers', todayBucket.newUsers],
        ['paidOrders', todayBucket.paidOrders],
        ['revenue', todayBucket.revenue],
        ['profit', todayBucket.profit],
        ['commissions', todayBucket.commissions],
        ['net', todayBucket.profit - todayBucket.commissions],
        ['refundedAmount', todayBucket.refundedAmount],
        ['failedPayments', todayBucket.failedPayments],
      ]) {
        assertEqual(digitsOf(await todayRow.locator(`[data-column="${column}"]`).innerText()), value, `today's row ${column}`);
      }
      const total = (figure) => data.reportSeries.reduce((sum, row) => sum + row[figure], 0);
      const totalRow = page.locator('tr[data-bucket="total"]');
      assertEqual(digitsOf(await totalRow.locator('[data-column="revenue"]').innerText()), total('revenue'), 'total revenue');
      assertEqual(variables.interval, 'DAY', 'default interval');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download CSV' }).click();
      const file = await download;
      const csv = readFileSync(await file.path(), 'utf8').split('\r\n');
      assertEqual(csv.length, data.reportSeries.length + 2, 'CSV lines (header, rows, final newline)');
      if (!csv[0].startsWith('Period,Starts,Ends,New users,')) throw new Error(`CSV header: ${csv[0]}`);
      const todayLine = csv.map((line) => line.split(',')).find((fields) => fields[1] === after.today.from);
      const rupees = (paise) => `${Math.trunc(paise / 100)}.${String(Math.abs(paise) % 100).padStart(2, '0')}`;
      // Period, Starts, Ends, New users, Referred users, Paid orders, Revenue (INR), ...
      assertEqual(todayLine[3], String(todayBucket.newUsers), 'CSV new users');
      assertEqual(todayLine[6], rupees(todayBucket.revenue), 'CSV revenue in rupees');

      // On a 390 px phone (a page of its own, opened at that width) the range control fits the
      // screen with nothing scrolled out of sight, and Custom can be chosen from it.
      const phone = await page.context().newPage();
      phone.on('pageerror', (error) => problems.pageErrors.push(`390 px page: ${error.message}`));
      try {
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.goto(page.url());
        const range = phone.getByLabel('Range', { exact: true });
        await range.waitFor();
        const fit = await range.evaluate((element) => {
          const { left, right } = element.getBoundingClientRect();
          return { left, right, hidden: element.scrollWidth - element.clientWidth };
        });
        if (fit.left < 0 || fit.right > 390 || fit.hidden > 0) throw new Error(`at 390 px the range control does not fit: ${JSON.stringify(fit)}`);
        // No axis label is cut short (MUI X Charts ends one that does not fit with "…").
        await phone.locator('[role="figure"] svg .MuiChartsAxis-tickLabel').first().waitFor();
        const cut = await phone.evaluate(() =>
          [...document.querySelectorAll('[role="figure"] svg .MuiChartsAxis-tickLabel')].map((label) => label.textContent).filter((text) => text.includes('…')),
        );
        if (cut.length) throw new Error(`at 390 px chart axis labels are cut short: ${cut.join(', ')}`);
        await range.click();
        await phone.getByRole('option', { name: 'Custom' }).click();
        await phone.getByLabel('From', { exact: true }).waitFor();
      } finally {
        await phone.close();
      }
      await look('reports');
    },
  ],
  [
    'the reports page cuts today into hours',
    async () => {
      await page.getByRole('button', { name: 'Today' }).click();
      const [{ data, variables }] = await Promise.all([
        nextAnswer('ReportSeries', { interval: 'HOUR' }),
        page
          .getByLabel('Group by')
          .click()
          .then(() => page.getByRole('option', { name: 'Hour' }).click()),
      ]);
      assertEqual(variables.interval, 'HOUR', 'interval');
      assertEqual(variables.from, after.today.from, 'from today’s midnight');
      const rows = page.locator('[data-testid="report-table"] tbody tr');
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="report-table"] tbody tr').length === count,
        data.reportSeries.length,
      );
      assertEqual(await rows.count(), data.reportSeries.length, 'hour rows');
      const paid = data.reportSeries.reduce((sum, row) => sum + row.paidOrders, 0);
      assertEqual(paid, after.today.paidOrders, 'paid orders over today’s hours');
    },
  ],
  [
    'payment monitoring shows the API’s figures, the stale pending order and the failed payment',
    async () => {
      await Promise.all([
        nextAnswer('PaymentMonitoringPage'),
        page.getByRole('menuitem', { name: 'Payment monitoring' }).click(),
      ]);
      // The last 7 days hold the seed even when midnight has passed since.
      await Promise.all([
        nextAnswer('PaymentMonitoringPage'),
        page.getByRole('button', { name: '7 days', exact: true }).click(),
      ]);
      // E's order is seconds old: with a zero-minute limit it counts as stale.
      const [{ data, variables }] = await Promise.all([
        nextAnswer('PaymentMonitoringPage', { staleAfterMinutes: 0 }),
        page.locator('input[name="staleAfterMinutes"]').fill('0'),
      ]);
      assertEqual(variables.staleAfterMinutes, 0, 'staleAfterMinutes sent');
      const { monitoring: figures } = data;
      const api = (
        await admin(
          `query ($from: DateTime!, $to: DateTime!) { paymentMonitoring(from: $from, to: $to, staleAfterMinutes: 0) { created paid failed pending stalePending successRate } }`,
          { from: variables.from, to: variables.to },
        )
      ).paymentMonitoring;
      for (const figure of ['created', 'paid', 'failed', 'pending', 'stalePending']) {
        assertEqual(figures[figure], api[figure], `paymentMonitoring.${figure} (page’s answer against a fresh one)`);
        await expectCount(`monitoring.${figure}`, figures[figure]);
      }
      assertEqual(await shownFigure('monitoring.successRate'), ratioText(figures.successRate), 'success rate');
      if (figures.failed < 1 || figures.stalePending < 1) throw new Error('the seed’s failed and pending orders are not counted');

      const staleRow = page.locator(`[data-testid="stale-orders"] tr[data-order="${seeded.pendingE}"]`);
      await staleRow.waitFor();
      const failedRow = page.locator(`[data-testid="failed-orders"] tr[data-order="${seeded.failedD}"]`);
      await failedRow.getByText(seeded.failedTransactionId).waitFor();
      const link = failedRow.getByRole('link', { name: `#${seeded.failedD}` });
      assertEqual(await link.getAttribute('href'), `#/Order/${seeded.failedD}/show`, 'the failed order’s link');
      await look('payment-monitoring');
      await link.click();
      await page.waitForURL(new RegExp(`#/Order/${seeded.failedD}/show$`));
    },
  ],
  nothingFailedStep(problems),
];

/** ₹98,76,54,321.09 in paise, and 98,76,543: the figures `inCrores` puts in the Dashboard answer. */
const CRORE_MONEY = 98_76_54_32_109;
const CRORE_COUNT = 98_76_543;
const MONEY_FIGURES = new Set(['revenue', 'profit', 'refundedAmount', 'withdrawalsPaid', 'averageOrderValue']);

/**
 * The Dashboard answer with every count and amount of the cards at crore size (in place):
 * commissions an eighth of the money, so that net after commissions is large too; rates,
 * durations, dates and the chart's series as they were.
 */
function inCrores(data) {
  const scale = (figures, keys, money = false) => {
    for (const key of keys ?? Object.keys(figures ?? {})) {
      if (typeof figures?.[key] !== 'number') continue;
      if (key === 'commissions') figures[key] = Math.trunc(CRORE_MONEY / 8);
      else if (money || MONEY_FIGURES.has(key)) figures[key] = CRORE_MONEY;
      else figures[key] = CRORE_COUNT;
    }
  };
  for (const period of ['today', 'yesterday', 'overall']) scale(data.stats?.[period]);
  scale(data.stats?.liabilities, undefined, true);
  scale(data.payments, ['created', 'paid', 'failed', 'pending', 'stalePending']);
  scale(data.kpis, ['averageOrderValue', 'activeReferrers']);
  for (const key of ['pendingWithdrawals', 'approvedWithdrawals', 'failedWithdrawals']) scale(data[key], ['count']);
}

/** After midnight (reporting zone) "today" is a new day: read it again so the checks compare like with like. */
async function followMidnight(todayFrom) {
  if (todayFrom !== after.today.from) after = (await admin(DASHBOARD_STATS)).dashboardStats;
}

/** The dashboard's ranges, from the API's own "today" (its midnight in the reporting zone). */
function dashboardRanges() {
  const todayFrom = after.today.from;
  const kpisFrom = new Date(Date.parse(todayFrom) - 29 * 86_400_000).toISOString();
  return { todayFrom, kpisFrom, now: new Date().toISOString() };
}

await runSteps(steps, { browser, page, problems, screenshotPrefix: 'reporting-' });
