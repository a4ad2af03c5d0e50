// Browser check of the built admin panel and GraphQL playground, served by a running backend.
// It must pass against an empty database, as CI runs it on a fresh one.
//
//   E2E_BASE_URL     the backend (default http://127.0.0.1:3000)
//   E2E_TELEGRAM_ID  an admin's Telegram ID
//   E2E_PASSWORD     that admin's password
//   CHROMIUM_PATH    the browser (default /usr/bin/chromium)
//
// Every request to another host is blocked and fails the run: the panel must work offline.
// On failure a screenshot is written to e2e/screenshots/ and the exit code is 1.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const baseUrl = new URL(process.env.E2E_BASE_URL || 'http://127.0.0.1:3000');
const telegramId = process.env.E2E_TELEGRAM_ID;
const password = process.env.E2E_PASSWORD;
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TIMEOUT_MS = 20_000;

if (!telegramId || !password) {
  console.error('Set E2E_TELEGRAM_ID and E2E_PASSWORD to an admin account of the server under test.');
  process.exit(2);
}

const url = (path) => new URL(path, baseUrl).href;

const offHostRequests = [];
const failedResponses = [];
const pageErrors = [];
// The server's Content-Security-Policy must let the built panel and playground do all they do.
const cspViolations = [];

const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
context.setDefaultTimeout(TIMEOUT_MS);
await context.route('**/*', (route) => {
  const requested = new URL(route.request().url());
  if (requested.host === baseUrl.host) return route.continue();
  offHostRequests.push(requested.href);
  return route.abort('blockedbyclient');
});
const page = await context.newPage();
page.on('pageerror', (error) => pageErrors.push(error.message));
page.on('console', (message) => {
  if (message.type() === 'error' && /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
    cspViolations.push(message.text());
  }
});
page.on('response', (response) => {
  const request = response.request();
  // Browsers ask for a favicon on their own, and the panel ships none. GraphiQL asks for the
  // schema on load, which a production server refuses by design (introspection off).
  const expected =
    response.url().endsWith('/favicon.ico') || /\b__schema\b/.test(request.postData() ?? '');
  if (response.status() >= 400 && !expected) {
    failedResponses.push(`${response.status()} ${request.method()} ${response.url()}`);
  }
});

const steps = [
  [
    'the admin panel shows its login page',
    async () => {
      await page.goto(url('/admin/'));
      await page.locator('input[name="telegramId"]').waitFor();
    },
  ],
  [
    'an admin signs in with Telegram ID and password and sees the dashboard',
    async () => {
      await page.locator('input[name="telegramId"]').fill(telegramId);
      await page.locator('input[name="password"]').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Signed in as').waitFor();
      await page.getByText(`Telegram ID ${telegramId}`).waitFor();
    },
  ],
  [
    'the dashboard shows its counts (one GraphQL request, no error)',
    async () => {
      await page.getByText('Pending withdrawals').waitFor();
      await page.getByText('Orders paid today').waitFor();
      await expectNoErrorNotification();
    },
  ],
  [
    'the withdrawals list opens on the pending queue',
    async () => {
      await page.getByRole('menuitem', { name: 'Withdrawals' }).click();
      // The status filter starts at Pending; an empty database shows no rows, not an error.
      await page.locator('.RaList-main').getByText('Pending', { exact: true }).first().waitFor();
      await page.locator('.RaDataTable-table').or(page.getByText(/^No .+ found/)).first().waitFor();
      await expectNoErrorNotification();
    },
  ],
  [
    'the settings list shows product_price',
    async () => {
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await page.getByText('product_price', { exact: true }).waitFor();
      await expectNoErrorNotification();
    },
  ],
  [
    'the admin log list loads',
    async () => {
      await page.getByRole('menuitem', { name: 'Admin log' }).click();
      await page.locator('.RaDataTable-table, .RaEmpty-message').first().waitFor();
      await expectNoErrorNotification();
    },
  ],
  [
    'GET /graphql in a browser shows the GraphiQL editor',
    async () => {
      await page.goto(url('/graphql'));
      await page.locator('.graphiql-container .graphiql-query-editor .monaco-editor').waitFor();
    },
  ],
  [
    'the playground runs { __typename } against the API',
    async () => {
      const queryEditor = page.locator('.graphiql-query-editor .monaco-editor');
      await queryEditor.locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      // Pasted, not typed: typing would meet Monaco's auto-closing brackets and suggestions.
      await page.evaluate((query) => {
        const clipboardData = new DataTransfer();
        clipboardData.setData('text/plain', query);
        document.activeElement.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
        );
      }, '{ __typename }');
      await queryEditor.locator('.view-lines').filter({ hasText: /^\{\s__typename\s\}$/ }).waitFor();
      const result = page.locator('.graphiql-response .view-lines').filter({ hasText: '"Query"' });
      // GraphiQL parses the editor's text a moment after it changes; a click before that runs
      // the previous document, so click until the answer shows.
      for (let attempt = 1; ; attempt += 1) {
        await page.locator('.graphiql-execute-button').click();
        try {
          await result.waitFor({ timeout: 2_000 });
          break;
        } catch (error) {
          if (attempt === 5) throw error;
        }
      }
    },
  ],
  [
    'nothing was requested from another host, and nothing failed',
    async () => {
      if (offHostRequests.length) {
        throw new Error(`requests to other hosts (blocked):\n  ${offHostRequests.join('\n  ')}`);
      }
      if (failedResponses.length) {
        throw new Error(`failed responses:\n  ${failedResponses.join('\n  ')}`);
      }
      if (pageErrors.length) {
        throw new Error(`uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`);
      }
      if (cspViolations.length) {
        throw new Error(`Content-Security-Policy violations:\n  ${cspViolations.join('\n  ')}`);
      }
    },
  ],
];

async function expectNoErrorNotification() {
  const notification = page.locator('.RaNotification-error');
  if (await notification.isVisible()) {
    throw new Error(`error notification: ${await notification.innerText()}`);
  }
}

let passed = 0;
let failed = 0;
try {
  for (const [name, run] of steps) {
    try {
      await run();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.error(`not ok - ${name}\n${error.message}`);
      mkdirSync(screenshotDir, { recursive: true });
      const screenshot = `${screenshotDir}${String(passed + 1).padStart(2, '0')}-failure.png`;
      await page.screenshot({ path: screenshot, fullPage: true });
      console.error(`screenshot: ${screenshot} (page: ${page.url()})`);
      for (const [label, items] of [
        ['blocked requests to other hosts', offHostRequests],
        ['failed responses', failedResponses],
        ['uncaught errors in the page', pageErrors],
        ['Content-Security-Policy violations', cspViolations],
      ]) {
        if (items.length) console.error(`${label}:\n  ${items.join('\n  ')}`);
      }
      // Later steps build on this one.
      break;
    }
  }
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
