// Session lifetime, with the test builds' adjustable clock: 30 minutes idle,
// 12 hours at most (the defaults), and what a user sees when it runs out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext, signIn, submitLogin } from './lib/browser.mjs';
import { h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';

const MIN = 60;
const HOUR = 3600;

let srv;
before(async () => {
  srv = await startServer({ clock: true });
});
after(async () => {
  await srv?.stop();
});

describe('session lifetime', () => {
  // Each test moves the clock forward from where the previous one left it.
  let now = 0;
  const advance = (seconds) => {
    now += seconds;
    srv.setClockOffset(now);
  };

  test('activity within 30 minutes keeps the session; 31 idle minutes end it', async () => {
    const jar = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
    for (let i = 0; i < 3; i++) {
      advance(29 * MIN);
      const res = await jarRequest(srv.baseURL, jar, '/services');
      assert.equal(res.status, 200, `after ${(i + 1) * 29} minutes of activity`);
    }
    advance(31 * MIN);
    const res = await jarRequest(srv.baseURL, jar, '/services');
    assert.equal(res.status, 303);
    const url = new URL(res.headers.location, srv.baseURL);
    assert.equal(url.pathname, '/login');
    assert.equal(url.searchParams.get('expired'), '1');
    assert.equal(url.searchParams.get('next'), '/services');
    const page = await jarRequest(srv.baseURL, jar, res.headers.location);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.body), 'ログイン');
    assert.match(page.body, /セッションがタイムアウトしました。再度ログインしてください。/);
    // The expired id stays dead.
    const again = await jarRequest(srv.baseURL, jar, '/services');
    assert.equal(again.status, 303);
  });

  test('no session outlives 12 hours, however active', async () => {
    const jar = await signedInJar(srv.baseURL, ACCOUNTS.kamomeUser.id);
    let elapsed = 0;
    while (elapsed + 25 * MIN < 12 * HOUR) {
      advance(25 * MIN);
      elapsed += 25 * MIN;
      const res = await jarRequest(srv.baseURL, jar, '/');
      assert.equal(res.status, 200, `active session refused after ${elapsed / MIN} minutes`);
    }
    advance(12 * HOUR - elapsed + 60);
    const res = await jarRequest(srv.baseURL, jar, '/');
    assert.equal(res.status, 303, 'a session older than 12 hours still works');
    assert.match(res.headers.location, /^\/login\?expired=1/);
  });

  test('in a browser: the timed-out user is told so and returns where they were after signing in', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, srv.baseURL);
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto('/services');
      advance(45 * MIN);
      await page.reload();
      assert.equal(new URL(page.url()).pathname, '/login');
      const status = await page.locator('[role="status"]').textContent();
      assert.ok(
        status.includes('セッションがタイムアウトしました。再度ログインしてください。'),
        `no time-out message: ${JSON.stringify(status)}`,
      );
      await submitLogin(page, ACCOUNTS.aobaUser.id, DEMO_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/services');
      assert.equal(await page.locator('h1').textContent(), 'サービス設定情報');
    } finally {
      await browser.close();
    }
  });
});
