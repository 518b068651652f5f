// Signing in and out in a real browser, and the language of visitors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cookie, launchBrowser, navigating, newContext, signIn, signOut, submitLogin, watchErrors } from './lib/browser.mjs';
import { FORM, csrfOf, form, jarRequest, request, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';

const BAD_CREDENTIALS = 'ユーザーID またはパスワードが正しくありません。';

/** An alert or status box says msg (it may also hold a close button or an icon). */
function assertMessage(text, msg) {
  assert.ok(text?.includes(msg), `expected the message 「${msg}」, got: ${JSON.stringify(text)}`);
}

let srv;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function freshPage(options) {
  const context = await newContext(browser, srv.baseURL, options);
  const page = await context.newPage();
  return { context, page };
}

describe('sign-in', () => {
  test('a customer user signs in and sees home in Japanese', async () => {
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await page.goto('/login');
      assert.equal(await page.locator('h1').textContent(), 'ログイン');
      assert.equal(await page.locator('form.login-form button[type="submit"]').textContent(), 'ログイン');
      await submitLogin(page, ACCOUNTS.aobaUser.id, DEMO_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      assert.equal(await page.locator('h1').textContent(), 'ホーム');
      assert.match(await page.title(), /^ホーム \| /);
      assert.equal(await page.locator('details.user-menu .user-name').textContent(), ACCOUNTS.aobaUser.name);
      // The tile of the customer's pages, and none of the staff console.
      await page.locator('.tiles a.tile[href="/services"]').waitFor();
      assert.equal(await page.locator('a[href="/console"]').count(), 0);
      // Footer: copyright and the privacy link.
      const footer = page.locator('footer.site-footer');
      assert.match(await footer.textContent(), /©\s*\d{4}/);
      assert.equal(await footer.locator('a[href="/privacy"]').count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a wrong password is refused; the user ID stays in the field', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto('/login');
      await submitLogin(page, ACCOUNTS.aobaUser.id, 'not-the-password');
      assert.equal(new URL(page.url()).pathname, '/login');
      assertMessage(await page.locator('[role="alert"]').textContent(), BAD_CREDENTIALS);
      assert.equal(await page.locator('#user_id').inputValue(), ACCOUNTS.aobaUser.id);
      assert.equal(await page.locator('#password').inputValue(), '', 'the password must not be sent back');
      assert.equal(await cookie(context, 'mg_session'), undefined);
      // A second try with the right password from the same form works.
      await submitLogin(page, ACCOUNTS.aobaUser.id, DEMO_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/');
    } finally {
      await context.close();
    }
  });

  test('an unknown user ID gets exactly the same answer', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto('/login');
      await submitLogin(page, ACCOUNTS.aobaUser.id, 'not-the-password');
      const known = await page.locator('main').innerHTML();
      await submitLogin(page, 'nobody@aoba.example.cs', 'not-the-password');
      assertMessage(await page.locator('[role="alert"]').textContent(), BAD_CREDENTIALS);
      assert.equal(await page.locator('#user_id').inputValue(), 'nobody@aoba.example.cs');
      const unknown = await page.locator('main').innerHTML();
      const normalize = (html, id) => html.replaceAll(id, 'USER').replace(/name="csrf" value="[^"]*"/, '');
      assert.equal(normalize(unknown, 'nobody@aoba.example.cs'), normalize(known, ACCOUNTS.aobaUser.id));
    } finally {
      await context.close();
    }
  });

  test('a visitor sent to sign in comes back to the page asked for', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto('/services');
      const url = new URL(page.url());
      assert.equal(url.pathname, '/login');
      assert.equal(url.searchParams.get('next'), '/services');
      await submitLogin(page, ACCOUNTS.aobaUser.id, DEMO_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/services');
      assert.equal(await page.locator('h1').textContent(), 'サービス設定情報');
    } finally {
      await context.close();
    }
  });

  test('the session id changes at sign-in (a planted cookie is not adopted)', async () => {
    const { context, page } = await freshPage();
    try {
      const planted = 'A'.repeat(43);
      await context.addCookies([{ name: 'mg_session', value: planted, url: srv.baseURL }]);
      await signIn(page, ACCOUNTS.aobaUser.id);
      const first = (await cookie(context, 'mg_session'))?.value;
      assert.ok(first, 'no session cookie after sign-in');
      assert.notEqual(first, planted);
      await signOut(page);
      await signIn(page, ACCOUNTS.aobaUser.id);
      const second = (await cookie(context, 'mg_session'))?.value;
      assert.ok(second);
      assert.notEqual(second, first, 'signing in again must give a new session id');
    } finally {
      await context.close();
    }
  });

  test('signing in again while signed in replaces the session', async () => {
    const jar = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
    const old = jar.get('mg_session');
    const home = await jarRequest(srv.baseURL, jar, '/');
    assert.equal(home.status, 200);
    const res = await jarRequest(srv.baseURL, jar, '/login', {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(home.body), user_id: ACCOUNTS.aobaUser.id, password: DEMO_PASSWORD }),
    });
    assert.equal(res.status, 303);
    assert.notEqual(jar.get('mg_session'), old);
    const replay = await request(srv.baseURL, '/services', { headers: { Cookie: `mg_session=${old}` } });
    assert.equal(replay.status, 303, 'the replaced session id still works');
  });
});

describe('sign-out', () => {
  test('through the user menu; the old session cookie no longer works', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, ACCOUNTS.aobaUser.id);
      const session = (await cookie(context, 'mg_session')).value;
      const before = await request(srv.baseURL, '/services', { headers: { Cookie: `mg_session=${session}` } });
      assert.equal(before.status, 200, 'the session cookie works before sign-out');

      await page.locator('details.user-menu > summary').click();
      const button = page.locator('details.user-menu button', { hasText: 'ログアウト' });
      await button.waitFor({ state: 'visible' });
      await navigating(page, () => button.click());

      const url = new URL(page.url());
      assert.equal(url.pathname, '/login');
      assertMessage(await page.locator('[role="status"]').textContent(), 'ログアウトしました。');
      assert.equal(await cookie(context, 'mg_session'), undefined, 'the browser still holds the session cookie');

      for (const path of ['/services', '/']) {
        const replay = await request(srv.baseURL, path, { headers: { Cookie: `mg_session=${session}` } });
        assert.equal(replay.status, 303, `${path} with the old cookie`);
        assert.match(replay.headers.location, /^\/login(\?|$)/);
      }
      // The browser too is a visitor again.
      await page.goto('/services');
      assert.equal(new URL(page.url()).pathname, '/login');
    } finally {
      await context.close();
    }
  });
});

describe('language', () => {
  test('a browser asking for English sees "Sign in"', async () => {
    const { context, page } = await freshPage({ locale: 'en-US' });
    try {
      await page.goto('/login');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('h1').textContent(), 'Sign in');
      assert.equal(await page.locator('form.login-form button[type="submit"]').textContent(), 'Sign in');
      assert.match(await page.locator('label[for="user_id"]').textContent(), /^User ID\b/);
      await submitLogin(page, 'nobody@example.cs', 'wrong');
      assertMessage(await page.locator('[role="alert"]').textContent(), 'The user ID or password is incorrect.');
    } finally {
      await context.close();
    }
  });

  test('the footer link switches a visitor to English and back', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto('/login');
      assert.equal(await page.locator('h1').textContent(), 'ログイン');
      const toEnglish = page.locator('footer .lang-switch a');
      assert.equal(await toEnglish.textContent(), 'English');
      assert.equal(await toEnglish.getAttribute('lang'), 'en');
      await navigating(page, () => toEnglish.click());
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('h1').textContent(), 'Sign in');
      assert.equal((await cookie(context, 'mg_lang'))?.value, 'en');

      // The choice holds on other pages, and the link brings the visitor back to them.
      await page.goto('/privacy');
      assert.equal(await page.locator('h1').textContent(), 'Privacy policy');
      const toJapanese = page.locator('footer .lang-switch a');
      assert.equal(await toJapanese.textContent(), '日本語');
      await navigating(page, () => toJapanese.click());
      assert.equal(new URL(page.url()).pathname, '/privacy');
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      assert.equal(await page.locator('h1').textContent(), 'プライバシーポリシー');
      assert.equal((await cookie(context, 'mg_lang'))?.value, 'ja');
    } finally {
      await context.close();
    }
  });

  test('the cookie choice beats Accept-Language', async () => {
    const { context, page } = await freshPage({ locale: 'en-US' });
    try {
      await page.goto('/login');
      assert.equal(await page.locator('h1').textContent(), 'Sign in');
      await navigating(page, () => page.locator('footer .lang-switch a').click());
      assert.equal(await page.locator('h1').textContent(), 'ログイン');
    } finally {
      await context.close();
    }
  });
});
