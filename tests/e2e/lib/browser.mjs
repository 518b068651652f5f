// Chromium through playwright-core, and the page helpers the tests share.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './server.mjs';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// --disable-background-networking & co: the closed network here refuses
// Chromium's own background connections, which otherwise slow it down.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A context whose pages resolve relative URLs against baseURL. Japanese by
 * default: Chromium would otherwise send Accept-Language: en-US.
 */
export async function newContext(browser, baseURL, { locale = 'ja-JP', viewport = DESKTOP, ...rest } = {}) {
  const context = await browser.newContext({ baseURL, locale, viewport, ...rest });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** Collects console errors and uncaught exceptions (CSP violations show up as console errors). */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Runs fn (which triggers a navigation of the main frame) and waits until the new page has loaded. */
export async function navigating(page, fn) {
  const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await fn();
  await committed;
  await page.waitForLoadState('load');
}

/** Fills and submits the sign-in form of the current page; waits for what follows. */
export async function submitLogin(page, userId, password) {
  await page.locator('#user_id').fill(userId);
  await page.locator('#password').fill(password);
  await navigating(page, () => page.locator('form.login-form button[type="submit"]').click());
}

/** Signs in through /login; fails unless the portal lets the user in. */
export async function signIn(page, userId, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await submitLogin(page, userId, password);
  const url = new URL(page.url());
  if (url.pathname === '/login') {
    const alert = await page.locator('[role="alert"]').allTextContents();
    throw new Error(`sign-in of ${userId} failed: ${alert.join(' ') || page.url()}`);
  }
  return url;
}

/** Signs out through the user menu; waits for the sign-in page. */
export async function signOut(page) {
  await page.locator('details.user-menu > summary').click();
  await navigating(page, () => page.locator('details.user-menu form[action="/logout"] button').click());
}

export async function cookie(context, name) {
  return (await context.cookies()).find((c) => c.name === name);
}

let axeSource;
function axeSrc() {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core on the page and fails on every violation of impact
 * "serious" or "critical", listing them.
 *
 * The page's CSP (script-src 'self') blocks page.addScriptTag({content}),
 * an inline <script>. page.evaluate(source) goes through the DevTools
 * protocol, which CSP does not govern, so axe is injected that way and the
 * pages are tested with their real CSP (no bypassCSP).
 */
export async function checkA11y(page, { label = page.url(), disableRules = [] } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSrc());
  }
  const rules = Object.fromEntries(disableRules.map((r) => [r, { enabled: false }]));
  const violations = await page.evaluate(
    (opts) =>
      window.axe.run(document, opts).then((r) =>
        r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        })),
      ),
    { resultTypes: ['violations'], rules },
  );
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const listing = bad
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `      ${n.target}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n'),
    )
    .join('\n');
  assert.equal(bad.length, 0, `accessibility violations on ${label}:\n${listing}`);
  return violations;
}
