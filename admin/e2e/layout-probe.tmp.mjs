import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3406/admin/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const pages = process.argv.slice(3);
const [w, h] = process.argv[2].split('x').map(Number);
const context = await browser.newContext({ viewport: { width: w, height: h } });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.log('console', m.type(), m.text().slice(0, 300)); });
await page.goto(base + '#/login');
await page.locator('input[name="telegramId"]').fill('424242');
await page.locator('input[name="password"]').fill('smoke-test-password-1');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/#\/$/);
for (const path of pages) {
  await page.goto(base + '#' + path);
  await page.waitForTimeout(2500);
  const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth, wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3).map((e) => e.tagName + '.' + String(e.className).slice(0, 200) + ' < ' + String(e.parentElement.className).slice(0, 120) + ':' + Math.round(e.getBoundingClientRect().right)), raw: (document.body.innerText.match(/\b(app|ra|resources)\.[\w.]+/g) || []).slice(0, 5) }));
  const name = `/tmp/panel-ops/${w}-${path.replace(/[^\w]/g, '_')}.png`;
  await page.screenshot({ path: name, fullPage: false });
  console.log(path, JSON.stringify(m), name);
}
await browser.close();
