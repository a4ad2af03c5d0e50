// What every browser check of the panel shares: the offline Chromium, the problems it watches
// for, and the step runner (ok / not ok lines, a screenshot of the first failure, exit code).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

/**
 * Chromium (CHROMIUM_PATH, default /usr/bin/chromium) with every request to a host other than
 * baseUrl's blocked and recorded, as are uncaught page errors and 4xx/5xx answers the check did
 * not expect (`isExpectedFailure`; the favicon always is: the panel ships none).
 */
export async function openBrowser({ baseUrl, timeoutMs, viewport = { width: 1280, height: 900 }, isExpectedFailure = () => false }) {
  // The server's Content-Security-Policy must let the built panel and playground do all they do.
  const problems = { offHostRequests: [], failedResponses: [], pageErrors: [], cspViolations: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
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
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  context.setDefaultTimeout(timeoutMs);
  await context.route('**/*', (route) => {
    const requested = new URL(route.request().url());
    if (requested.host === baseUrl.host) return route.continue();
    problems.offHostRequests.push(requested.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
      problems.cspViolations.push(message.text());
    }
  });
  page.on('response', (response) => {
    const expected = response.url().endsWith('/favicon.ico') || isExpectedFailure(response);
    if (response.status() >= 400 && !expected) {
      problems.failedResponses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return { browser, page, problems };
}

/** The last step of a check: nothing went to another host, failed, or threw in the page. */
export function nothingFailedStep({ offHostRequests, failedResponses, pageErrors, cspViolations }) {
  return [
    'nothing was requested from another host, and nothing failed',
    async () => {
      if (offHostRequests.length) throw new Error(`requests to other hosts (blocked):\n  ${offHostRequests.join('\n  ')}`);
      if (failedResponses.length) throw new Error(`failed responses:\n  ${failedResponses.join('\n  ')}`);
      if (pageErrors.length) throw new Error(`uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`);
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n  ${cspViolations.join('\n  ')}`);
    },
  ];
}

/**
 * Runs the steps in order and stops at the first failure (later steps build on it), leaving a
 * screenshot in e2e/screenshots/<prefix>NN-failure.png; then closes the browser and exits 0 or 1.
 */
export async function runSteps(steps, { browser, page, problems, screenshotPrefix = '', onFinish = () => {} }) {
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
        const screenshot = `${screenshotDir}${screenshotPrefix}${String(passed + 1).padStart(2, '0')}-failure.png`;
        await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
        console.error(`screenshot: ${screenshot} (page: ${page.url()})`);
        for (const [label, items = []] of [
          ['blocked requests to other hosts', problems.offHostRequests],
          ['failed responses', problems.failedResponses],
          ['uncaught errors in the page', problems.pageErrors],
          ['Content-Security-Policy violations', problems.cspViolations],
        ]) {
          if (items.length) console.error(`${label}:\n  ${items.join('\n  ')}`);
        }
        break;
      }
    }
  } finally {
    await browser.close();
  }
  onFinish();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
