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
import { nothingFailedStep, openBrowser, runSteps } from './harness.mjs';

const baseUrl = new URL(process.env.E2E_BASE_URL || 'http://127.0.0.1:3000');
const telegramId = process.env.E2E_TELEGRAM_ID;
const password = process.env.E2E_PASSWORD;
const TIMEOUT_MS = 20_000;

if (!telegramId || !password) {
  console.error('Set E2E_TELEGRAM_ID and E2E_PASSWORD to an admin account of the server under test.');
  process.exit(2);
}

const url = (path) => new URL(path, baseUrl).href;

const { browser, page, problems } = await openBrowser({
  baseUrl,
  timeoutMs: TIMEOUT_MS,
  // GraphiQL asks for the schema on load, which a production server refuses by design
  // (introspection off).
  isExpectedFailure: (response) => /\b__schema\b/.test(response.request().postData() ?? ''),
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
    'the settings list shows the selling price (product_price)',
    async () => {
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await page.locator('[data-setting="product_price"]').getByText('Selling price').waitFor();
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
  nothingFailedStep(problems),
];

async function expectNoErrorNotification() {
  const notification = page.locator('.RaNotification-error');
  if (await notification.isVisible()) {
    throw new Error(`error notification: ${await notification.innerText()}`);
  }
}

await runSteps(steps, { browser, page, problems });
