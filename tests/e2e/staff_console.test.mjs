// Going live on a fresh data directory (SPEC §9): `madoguchi migrate`, the
// first provider admin from `madoguchi admin create`, its link, a sign-in
// that must set up an authenticator app before any console page, an agent
// invited by mail who does the same, a new customer with its first contact
// (invited by mail too), and a case raised for it that the contact sees.
// Then staff management: roles, the last admin who cannot step down,
// disabling (sessions end) and enabling, removing a lost authenticator app,
// the MFA rule switched off and on, and who may open these pages at all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FORM, csrfOf, form, h1Of, jarRequest, setPasswordByLink, signInHTTP } from './lib/http.mjs';
import { mailsTo } from './lib/outbox.mjs';
import { runCli, startServer } from './lib/server.mjs';
import { totp } from './lib/totp.mjs';

const PASSWORD = 'Kq7#vX2mPw9!zR';
const SETUP = '/profile/mfa?setup=1';
let srv;
let offset = 0; // the server clock's lead, so that each TOTP code is of a fresh 30 s step

before(async () => {
  srv = await startServer({ demo: false, clock: true });
});
after(async () => {
  await srv?.stop();
});

const get = (jar, path) => jarRequest(srv.baseURL, jar, path);

/** Posts fields with the CSRF token of the page at from (default: the same path). */
async function post(jar, path, fields, from = path) {
  const page = await get(jar, from);
  assert.equal(page.status, 200, `GET ${from}`);
  return jarRequest(srv.baseURL, jar, path, {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(page.body), ...fields }),
  });
}

/** Moves the server clock to the next TOTP step: a code is taken once. */
function nextStep() {
  offset += 31;
  srv.setClockOffset(offset);
  return Math.floor(Date.now() / 1000) + offset;
}

/** Pairs an authenticator app from the set-up page; returns its secret. */
async function pairApp(jar) {
  const start = await post(jar, '/profile/mfa/start', {}, '/profile/mfa');
  assert.equal(start.status, 303);
  const page = await get(jar, '/profile/mfa');
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.body)?.[1];
  assert.ok(secret, 'the key of the app is shown');
  const done = await post(jar, '/profile/mfa/confirm', { code: totp(secret, nextStep()) }, '/profile/mfa');
  assert.equal(done.status, 303);
  assert.equal(done.headers.location, '/profile/mfa?enabled=1');
  return secret;
}

/** Signs in with the password and the app's code; returns the jar. */
async function signInWithApp(login, secret) {
  const { jar, res } = await signInHTTP(srv.baseURL, login, PASSWORD);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/login/mfa');
  const verified = await post(jar, '/login/mfa', { code: totp(secret, nextStep()) });
  assert.equal(verified.status, 303, 'the code is taken');
  return jar;
}

/** Posts fields as multipart/form-data (as the browser sends forms that take files). */
function postMultipart(jar, path, fields) {
  const boundary = '----golive';
  const body =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return jarRequest(srv.baseURL, jar, path, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
}

/** The set-password link of the newest invitation mailed to address. */
async function invitationLink(address) {
  const mails = await mailsTo(srv.dataDir, address, '/password/reset/');
  assert.ok(mails.length >= 1, `an invitation to ${address}`);
  const link = /https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/.exec(mails.at(-1).text)?.[0];
  assert.ok(link, mails.at(-1).text);
  return link;
}

const ADMIN = 'root@provider.example';
const AGENT = 'agent@provider.example';
let admin; // jars, signed in
let adminSecret;
let agent;
let agentId;
let customerJar;
let customerPage;

describe('going live on a fresh data directory', () => {
  test('the first admin signs in, must set up an authenticator app, then reaches the console', async () => {
    assert.equal((await runCli('migrate', srv.dataDir)).code, 0, 'migrating again changes nothing');
    const created = await runCli('admin', srv.dataDir, 'create', '--email', ADMIN, '--name', '見晴 一郎');
    assert.equal(created.code, 0, created.stderr);
    const link = /https?:\/\/\S+\/password\/reset\/\S+/.exec(created.stdout)?.[0];
    assert.equal(await setPasswordByLink(srv.baseURL, link, PASSWORD), 303);

    const { jar, res } = await signInHTTP(srv.baseURL, ADMIN, PASSWORD);
    assert.equal(res.status, 303, 'no code is asked before an app exists');
    for (const path of ['/', '/console', '/console/staff', '/console/customers/new', '/profile']) {
      const r = await get(jar, path);
      assert.equal(r.status, 303, `${path} leads to the set-up`);
      assert.equal(r.headers.location, SETUP);
    }
    // A form post of the console is refused until then, and changes nothing.
    const setup = await get(jar, SETUP);
    assert.equal(setup.status, 200);
    assert.match(setup.body, /スタッフは認証アプリの利用が必須です/);
    const refused = await jarRequest(srv.baseURL, jar, '/console/customers/new', {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(setup.body), number: 'N300000009', name: '先走り' }),
    });
    assert.equal(refused.status, 403);

    adminSecret = await pairApp(jar);
    const console = await get(jar, '/console/staff');
    assert.equal(console.status, 200, 'the console opens once the app is paired');
    assert.equal(h1Of(console.body), 'スタッフ');
    assert.doesNotMatch((await get(jar, '/console/customers')).body, /N300000009/, 'the refused post created nothing');
    // Staff keep their app: the profile offers no removal while the rule is on.
    const mfa = await get(jar, '/profile/mfa');
    assert.doesNotMatch(mfa.body, /action="\/profile\/mfa\/remove"/);
    const remove = await post(jar, '/profile/mfa/remove', { current: PASSWORD }, '/profile/mfa');
    assert.equal(remove.status, 409);

    // The next sign-in asks for the app's code.
    admin = await signInWithApp(ADMIN, adminSecret);
    assert.equal((await get(admin, '/console/staff')).status, 200);
  });

  test('the admin invites an agent, who sets a password from the mail and sets up the app', async () => {
    const bad = await post(admin, '/console/staff/new', { name: '　', email: 'not-an-address', user_id: '', role: 'boss', lang: 'ja' });
    assert.equal(bad.status, 422, 'bad input is refused');
    assert.match(bad.body, /id="name-error"/);
    assert.match(bad.body, /id="email-error"/);
    assert.match(bad.body, /id="role-error"/);
    const invited = await post(admin, '/console/staff/new', { name: '窓口 花子', email: AGENT, user_id: '', role: 'agent', lang: 'ja' });
    assert.equal(invited.status, 303);
    agentId = /\/console\/staff\/(\d+)\?invited=1$/.exec(invited.headers.location)?.[1];
    assert.ok(agentId, invited.headers.location);
    const again = await post(admin, '/console/staff/new', { name: '窓口 花子', email: AGENT, user_id: '', role: 'agent', lang: 'ja' });
    assert.equal(again.status, 422, 'a user ID is unique');
    assert.match(again.body, /このユーザーIDはすでに使用されています/);

    const list = await get(admin, '/console/staff');
    assert.match(list.body, /窓口 花子/);
    assert.match(list.body, /エージェント/);

    assert.equal(await setPasswordByLink(srv.baseURL, await invitationLink(AGENT), PASSWORD), 303);
    const { jar } = await signInHTTP(srv.baseURL, AGENT, PASSWORD);
    assert.equal((await get(jar, '/console/cases')).headers.location, SETUP);
    await pairApp(jar);
    agent = jar;
    assert.equal((await get(agent, '/console/cases')).status, 200);
    assert.equal((await get(agent, '/console/staff')).status, 404, 'staff management is for provider admins');
    assert.equal((await get(agent, `/console/staff/${agentId}`)).status, 404);
  });

  test('the admin creates a customer and its first contact; the agent raises a case the contact sees', async () => {
    const made = await post(admin, '/console/customers/new', { number: 'N300000001', name: '港湾物流株式会社' });
    assert.equal(made.status, 303);
    const customerId = /\/console\/customers\/(\d+)/.exec(made.headers.location)?.[1];
    const contacts = `/console/customers/${customerId}/contacts`;
    const page = await get(admin, `/console/customers/${customerId}`);
    assert.ok(page.body.includes(`href="${contacts}"`), 'the customer page links its contacts');
    const blank = await post(admin, contacts, { name: '', email: '', user_id: '', lang: 'ja', is_admin: '1' });
    assert.equal(blank.status, 422);
    const contact = await post(admin, contacts, {
      name: '港 太郎',
      email: 'taro@kowan.example',
      user_id: 'taro@kowan.example.cs',
      lang: 'ja',
      is_admin: '1',
    });
    assert.equal(contact.status, 303);
    assert.equal((await get(agent, contacts)).status, 404, 'an agent does not create contacts');

    assert.equal(await setPasswordByLink(srv.baseURL, await invitationLink('taro@kowan.example'), PASSWORD), 303);
    const { jar: customer, res } = await signInHTTP(srv.baseURL, 'taro@kowan.example.cs', PASSWORD);
    assert.equal(res.status, 303);
    assert.equal((await get(customer, '/')).status, 200, 'customers are not asked for an app');
    assert.equal((await get(customer, '/contacts')).status, 200, 'the first contact is the customer admin');

    // The agent raises the case.
    const formPage = await get(agent, '/console/cases/new?customer=N300000001');
    assert.equal(formPage.status, 200);
    const raised = await postMultipart(agent, '/console/cases/new', {
      csrf: csrfOf(formPage.body),
      customer: 'N300000001',
      category: 'alarm',
      subject: '不審な通信の検知',
      description: '深夜に外部への通信を検知しました。',
    });
    assert.equal(raised.status, 303, raised.body);
    const number = /\/console\/cases\/(CS\d{7})$/.exec(raised.headers.location)?.[1];
    assert.ok(number, raised.headers.location);
    const seen = await get(customer, `/cases/${number}`);
    assert.equal(seen.status, 200);
    assert.match(seen.body, /不審な通信の検知/);
    assert.match((await get(customer, '/cases')).body, new RegExp(number));
    customerJar = customer;
    customerPage = `/console/customers/${customerId}`;
  });

  test('a new service and its contract: the customer raises a case itself', async () => {
    const bad = await post(admin, '/console/services/new', { code: 'Bad code', name_ja: '　', name_en: '', portal: 'http://x' });
    assert.equal(bad.status, 422);
    for (const field of ['code', 'name_ja', 'name_en', 'portal']) assert.match(bad.body, new RegExp(`id="${field}-error"`), field);
    const made = await post(admin, '/console/services/new', { code: 'SOC', name_ja: 'SOC監視', name_en: 'SOC monitoring', portal: '' });
    assert.equal(made.status, 303);
    const again = await post(admin, '/console/services/new', { code: 'soc', name_ja: '重複', name_en: 'Twice', portal: '' });
    assert.equal(again.status, 422, 'a code names one service');
    const page = await get(admin, customerPage);
    const serviceId = /<option value="(\d+)"[^>]*>SOC監視<\/option>/.exec(page.body)?.[1];
    assert.ok(serviceId, 'the new service is offered for contracts');
    const contract = await post(admin, `${customerPage}/contracts`, {
      service: serviceId,
      kind: '年間契約',
      plan: 'スタンダード',
      start_date: '2026-12-01',
      renewal_date: '',
    }, customerPage);
    assert.equal(contract.status, 303);

    const inquiry = await get(customerJar, '/inquiry');
    assert.match(inquiry.body, /SOC監視/);
    const raised = await postMultipart(customerJar, '/inquiry', {
      csrf: csrfOf(inquiry.body),
      service: serviceId,
      category: 'service',
      subject: 'ログの保管期間について',
      description: '保管期間を教えてください。',
    });
    assert.equal(raised.status, 303, raised.body);
    assert.match(raised.headers.location, /^\/cases\/CS\d{7}/);
  });
});

describe('staff management', () => {
  test('roles: an agent becomes an admin and back; the last admin cannot step down', async () => {
    const me = /href="\/console\/staff\/(\d+)">見晴 一郎/.exec((await get(admin, '/console/staff')).body)?.[1];
    assert.ok(me);
    const alone = await post(admin, `/console/staff/${me}/role`, { role: 'agent' }, `/console/staff/${me}`);
    assert.equal(alone.status, 409);
    assert.match(alone.body, /有効なプロバイダー管理者が少なくとも1人必要です/);
    const bad = await post(admin, `/console/staff/${agentId}/role`, { role: 'root' }, `/console/staff/${agentId}`);
    assert.equal(bad.status, 422);
    const up = await post(admin, `/console/staff/${agentId}/role`, { role: 'admin' }, `/console/staff/${agentId}`);
    assert.equal(up.status, 303);
    assert.equal((await get(agent, '/console/staff')).status, 200, 'the new role holds at once');
    const down = await post(admin, `/console/staff/${agentId}/role`, { role: 'agent' }, `/console/staff/${agentId}`);
    assert.equal(down.status, 303);
    assert.equal((await get(agent, '/console/staff')).status, 404);
  });

  test('disable ends the sessions and refuses the sign-in; enable lets it in again', async () => {
    const page = `/console/staff/${agentId}`;
    const self = /href="\/console\/staff\/(\d+)">見晴 一郎/.exec((await get(admin, '/console/staff')).body)?.[1];
    assert.equal((await post(admin, `/console/staff/${self}/disable`, {}, `/console/staff/${self}`)).status, 409, 'not one\'s own login');
    assert.equal((await post(admin, `${page}/disable`, {}, page)).status, 303);
    const gone = await get(agent, '/console/cases');
    assert.equal(gone.status, 303);
    assert.match(gone.headers.location, /^\/login/);
    assert.equal((await signInHTTP(srv.baseURL, AGENT, PASSWORD)).res.status, 401);
    assert.match((await get(admin, page)).body, /無効/);
    assert.equal((await post(admin, `${page}/enable`, {}, page)).status, 303);
    assert.equal((await signInHTTP(srv.baseURL, AGENT, PASSWORD)).res.status, 303);
  });

  test('a lost authenticator app is removed; the member pairs a new one at the next sign-in', async () => {
    const page = `/console/staff/${agentId}`;
    const removed = await post(admin, `${page}/mfa-reset`, {}, page);
    assert.equal(removed.status, 303);
    assert.match((await get(admin, removed.headers.location)).body, /認証アプリを解除しました/);
    const { jar, res } = await signInHTTP(srv.baseURL, AGENT, PASSWORD);
    assert.equal(res.status, 303);
    assert.equal((await get(jar, '/console/cases')).headers.location, SETUP);
    await pairApp(jar);
    agent = jar;
  });

  test('the MFA rule switched off and on again, and audited', async () => {
    const off = await post(admin, '/console/staff/mfa-policy', {}, '/console/staff');
    assert.equal(off.status, 303);
    const page = `/console/staff/${agentId}`;
    assert.equal((await post(admin, `${page}/mfa-reset`, {}, page)).status, 303);
    const { jar } = await signInHTTP(srv.baseURL, AGENT, PASSWORD);
    assert.equal((await get(jar, '/console/cases')).status, 200, 'no set-up asked while the rule is off');
    const on = await post(admin, '/console/staff/mfa-policy', { required: '1' }, '/console/staff');
    assert.equal(on.status, 303);
    assert.equal((await get(jar, '/console/cases')).headers.location, SETUP, 'the rule holds at once');
    const audit = await get(admin, '/console/audit');
    assert.match(audit.body, /ロール変更/);
    assert.match(audit.body, /ポータル設定の変更/);
  });

  test('customers and visitors never reach staff management', async () => {
    const { jar: customer } = await signInHTTP(srv.baseURL, 'taro@kowan.example.cs', PASSWORD);
    for (const path of ['/console/staff', '/console/staff/new', `/console/staff/${agentId}`]) {
      assert.equal((await get(customer, path)).status, 404, path);
    }
    const csrf = csrfOf((await get(customer, '/')).body);
    const r = await jarRequest(srv.baseURL, customer, `/console/staff/${agentId}/disable`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf }),
    });
    assert.equal(r.status, 404);
    assert.equal((await signInHTTP(srv.baseURL, AGENT, PASSWORD)).res.status, 303, 'nothing was disabled');
  });
});
