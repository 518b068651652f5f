// The guide's labels where the portal once had its own (customer portal
// guide 4.7, 4.11, 4.13.3, 4.13.4 and the password reset of chapter 3):
// home's アカウント管理 tile and its menu page, 変更 on the password form,
// デバイスのペアリング on the app set-up, 完了 at the end of a reset request,
// and the knowledge search's ソート基準 | 関連性 | ビュー | 最新 | アルファベット
// with 適用済みフィルター and すべて消去.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FORM, Jar, csrfOf, form, h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
before(async () => {
  srv = await startServer();
  base = srv.baseURL;
});
after(async () => {
  await srv?.stop();
});

const text = (html) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const submitLabels = (html, action) => {
  const f = new RegExp(`<form[^>]*action="${action}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
  return [...f.matchAll(/<button[^>]*type="submit"[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);
};

test('home shows one アカウント管理 tile; its page lists the account pages the user may use', async () => {
  const admin = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
  const home = await jarRequest(base, admin, '/');
  const tiles = [...home.body.matchAll(/<a class="tile" href="([^"]+)"><span class="tile-title">([^<]*)<\/span><span class="tile-desc">([^<]*)</g)];
  const account = tiles.filter((m) => m[2] === 'アカウント管理');
  assert.equal(account.length, 1, 'not one アカウント管理 tile');
  assert.equal(account[0][1], '/account');
  assert.equal(account[0][3], 'アカウント管理メニューを表示します。');
  assert.ok(!tiles.some((m) => ['/contacts', '/history'].includes(m[1])), 'account pages still have tiles of their own on home');

  const page = await jarRequest(base, admin, '/account');
  assert.equal(page.status, 200);
  assert.equal(h1Of(page.body), 'アカウント管理');
  const links = [...page.body.matchAll(/<a class="tile" href="([^"]+)"/g)].map((m) => m[1]);
  for (const href of ['/contacts/new', '/contacts', '/history']) assert.ok(links.includes(href), `${href} missing`);

  // A user who is not an admin sees only the pages open to them.
  const user = await signedInJar(base, ACCOUNTS.aobaUser.id);
  const mine = await jarRequest(base, user, '/account');
  const userLinks = [...mine.body.matchAll(/<a class="tile" href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(userLinks.includes('/history'));
  assert.ok(!userLinks.includes('/contacts'), 'a user who is not an admin is offered the contacts');

  // Staff have no account management of a customer.
  const agent = await signedInJar(base, ACCOUNTS.agent.id);
  assert.equal((await jarRequest(base, agent, '/account')).status, 404);
});

test('the password form says 変更, the app set-up デバイスのペアリング', async () => {
  const jar = await signedInJar(base, ACCOUNTS.kamomeUser.id);
  const pw = await jarRequest(base, jar, '/profile/password');
  assert.deepEqual(submitLabels(pw.body, '/profile/password'), ['変更']);
  const mfa = await jarRequest(base, jar, '/profile/mfa');
  const started = await jarRequest(base, jar, '/profile/mfa/start', {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(mfa.body) }),
  });
  const setup = started.status === 303 ? await jarRequest(base, jar, started.headers.location) : started;
  assert.deepEqual(submitLabels(setup.body, '/profile/mfa/confirm'), ['デバイスのペアリング']);
});

test('a reset request ends with 完了, back to the sign-in page', async () => {
  const jar = new Jar();
  const start = await jarRequest(base, jar, '/password/reset');
  const verify = await jarRequest(base, jar, '/password/reset', {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(start.body), user_id: ACCOUNTS.sakuraUser.id }),
  });
  assert.equal(verify.status, 200);
  const done = await jarRequest(base, jar, '/password/reset/verify', {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(verify.body), user_id: ACCOUNTS.sakuraUser.id, email: 'nobody@example.com' }),
  });
  assert.equal(done.status, 200);
  assert.match(done.body, /<a class="btn btn-primary" href="\/login">完了<\/a>/);
});

test('the knowledge search sorts by ソート基準 | 関連性 | ビュー | 最新 | アルファベット; chips clear with すべて消去', async () => {
  const jar = await signedInJar(base, ACCOUNTS.aobaUser.id);
  const res = await jarRequest(base, jar, `/knowledge?q=${encodeURIComponent('パスワード')}`);
  assert.equal(res.status, 200);
  const t = text(res.body);
  assert.match(t, /ソート基準 関連性 ビュー 最新 アルファベット/);
  const list = await jarRequest(base, jar, '/knowledge');
  const kb = /href="(\/knowledge\?[^"]*kb=[^"]+)"/.exec(list.body)?.[1]?.replace(/&amp;/g, '&');
  assert.ok(kb, 'no link filtering by a knowledge base');
  const filtered = text((await jarRequest(base, jar, kb)).body);
  assert.match(filtered, /適用済みフィルター/);
  assert.match(filtered, /すべて消去/);
});
