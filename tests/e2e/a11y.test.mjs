// axe-core on every page, at desktop and phone widths: no violation of
// impact "serious" or "critical".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, PHONE, checkA11y, launchBrowser, newContext, signIn } from './lib/browser.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
]) {
  describe(`${label} ${viewport.width}x${viewport.height}`, () => {
    const contexts = [];
    let visitorJa;
    let visitorEn;
    let customer;
    let agent;
    let contractPath;

    before(async () => {
      const open = async (options) => {
        const context = await newContext(browser, srv.baseURL, { viewport, ...options });
        contexts.push(context);
        return context.newPage();
      };
      [visitorJa, visitorEn, customer, agent] = await Promise.all([open(), open({ locale: 'en-US' }), open(), open()]);
      await signIn(customer, ACCOUNTS.aobaUser.id);
      await signIn(agent, ACCOUNTS.agent.id);
      await customer.goto('/services');
      contractPath = await customer.locator('table a[href^="/services/"]').first().getAttribute('href');
    });
    after(async () => {
      await Promise.all(contexts.map((c) => c.close()));
    });

    async function check(page, path, expectStatus = 200) {
      const res = await page.goto(path);
      assert.equal(res.status(), expectStatus, `${path} answered ${res.status()}`);
      await checkA11y(page, { label: `${path} (${label}, ${await page.locator('html').getAttribute('lang')})` });
    }

    test('/login in Japanese', () => check(visitorJa, '/login'));
    test('/login in English', async () => {
      await check(visitorEn, '/login');
      assert.equal(await visitorEn.locator('html').getAttribute('lang'), 'en');
    });
    test('/login with the error message', async () => {
      await visitorJa.goto('/login');
      await visitorJa.locator('#user_id').fill('nobody@example.cs');
      await visitorJa.locator('#password').fill('wrong');
      await Promise.all([
        visitorJa.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
        visitorJa.locator('form.login-form button[type="submit"]').click(),
      ]);
      await visitorJa.locator('[role="alert"]').waitFor();
      await checkA11y(visitorJa, { label: `/login with an error (${label})` });
    });
    test('/privacy for a visitor', () => check(visitorJa, '/privacy'));
    test('404 page for a visitor', () => check(visitorJa, '/no-such-page', 404));
    test('404 page in English', () => check(visitorEn, '/no-such-page', 404));
    test('home', () => check(customer, '/'));
    test('/services', () => check(customer, '/services'));
    test('a contract page', () => check(customer, contractPath));
    test('/privacy signed in', () => check(customer, '/privacy'));
    test('404 page signed in', () => check(customer, '/no-such-page', 404));
    test('/console as agent', () => check(agent, '/console'));
    test('home with the user menu open', async () => {
      await customer.goto('/');
      if (await customer.locator('button.nav-toggle').isVisible()) {
        await customer.locator('button.nav-toggle').click();
        await customer.locator('#site-nav').waitFor({ state: 'visible' });
      }
      await customer.locator('details.user-menu > summary').click();
      await customer.locator('details.user-menu button').waitFor({ state: 'visible' });
      await checkA11y(customer, { label: `home with menus open (${label})` });
    });
  });
}
