// The monthly service report: the customer's page and PDF in both
// languages, the console's overview and a customer's report, tenancy (a
// customer never reaches another's report), the provider setting (CSRF,
// admins only, audited), and the delivery on the 1st: exactly one
// 月次レポート送付 case per customer with the PDF attached and a mail,
// however often the job runs. Time moves with the test clock to the 1st of
// the next month in Tokyo; the jobs run through `madoguchi jobs`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { FORM, csrfOf, form, h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, runCliOnClock, startServer } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

let srv;
let mail;
const jars = {};

/** "YYYY-MM" and the parts of the month of t (ms) in Tokyo, n months on. */
function tokyoMonth(t, n = 0) {
  const d = new Date(t + 9 * 3600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n; // 0-based, may run past the year
  const first = new Date(Date.UTC(y, m, 1));
  const key = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
  return { key, y: first.getUTCFullYear(), m: first.getUTCMonth() + 1, startMs: first.getTime() - 9 * 3600_000 };
}
const THIS = tokyoMonth(Date.now());

const WHO = { aobaUser: 'aobaUser', aobaAdmin: 'aobaAdmin', kamomeUser: 'kamomeUser', agent: 'agent', admin: 'providerAdmin' };
async function signIn(...names) {
  await Promise.all(names.map(async (k) => (jars[k] = await signedInJar(srv.baseURL, ACCOUNTS[WHO[k]].id))));
}

const get = (jar, path) => jarRequest(srv.baseURL, jar, path);

async function post(jar, path, fields, from = path) {
  const page = await get(jar, from);
  return jarRequest(srv.baseURL, jar, path, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

/** The text of a PDF, through poppler's pdftotext. */
function pdfText(body) {
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: body }).toString('utf8');
}

/** The bytes of a download. */
async function getBytes(jar, path) {
  const res = await get(jar, path);
  return { ...res, body: res.bytes };
}

before(async () => {
  mail = await startSmtp();
  srv = await startServer({ clock: true, args: ['--smtp-url', mail.url] });
  // Cases in every state with answers from both sides, this month.
  const demo = await runCliOnClock(srv, 'demo-cases');
  assert.equal(demo.code, 0, demo.stderr);
  await signIn(...Object.keys(WHO));
});
after(async () => {
  await srv?.stop();
  await mail?.stop();
});

describe('monthly report', () => {
  test('the customer reads its month in Japanese, as a page and a PDF', async () => {
    const page = await get(jars.aobaUser, `/reports?month=${THIS.key}`);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.body), '月次レポート');
    assert.match(page.body, /起票されたケース/);
    assert.match(page.body, /初回応答時間の中央値/);
    assert.match(page.body, /WAF のログの保管期間について/);
    assert.match(page.body, /<input[^>]*type="month"[^>]*value="\d{4}-\d{2}"/);
    const pdf = await getBytes(jars.aobaUser, `/reports/pdf?month=${THIS.key}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(pdf.headers['content-disposition'], /attachment; filename="monthly-report-N200000001-\d{4}-\d{2}\.pdf"/);
    const text = pdfText(pdf.body);
    assert.match(text, /月次サービスレポート/);
    assert.match(text, new RegExp(`${THIS.y}年${THIS.m}月`));
    assert.match(text, /N200000001 あおば商事株式会社/);
    assert.match(text, /起票されたケース/);
    assert.match(text, /WAF のログの保管期間について/);
    // Without a month: the previous one. A malformed or future month: a clear error.
    const last = await get(jars.aobaUser, '/reports');
    assert.equal(last.status, 200);
    assert.ok(last.body.includes(`value="${tokyoMonth(Date.now(), -1).key}"`));
    for (const bad of ['2026-13', 'x', `${THIS.y + 1}-01`]) {
      const r = await get(jars.aobaUser, `/reports?month=${encodeURIComponent(bad)}`);
      assert.equal(r.status, 422, bad);
      assert.match(r.body, /当月までの月を選んでください。/);
    }
  });

  test('in English for a user who reads English', async () => {
    const profile = await get(jars.kamomeUser, '/profile');
    const email = /name="email"[^>]*value="([^"]*)"/.exec(profile.body)[1];
    const saved = await post(jars.kamomeUser, '/profile', { name: ACCOUNTS.kamomeUser.name, email, time_zone: 'Asia/Tokyo', lang: 'en' });
    assert.equal(saved.status, 303);
    const page = await get(jars.kamomeUser, `/reports?month=${THIS.key}`);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.body), 'Monthly report');
    assert.match(page.body, /Cases opened/);
    assert.match(page.body, /Median first response/);
    const text = pdfText((await getBytes(jars.kamomeUser, `/reports/pdf?month=${THIS.key}`)).body);
    assert.match(text, /Monthly service report/);
    assert.match(text, /N200000002/);
    assert.match(text, /Cases of the month/);
  });

  test('a customer never reaches another customer\'s report', async () => {
    const numbers = (html) => new Set([...html.matchAll(/href="\/cases\/(CS\d{7})"/g)].map((m) => m[1]));
    const aoba = numbers((await get(jars.aobaUser, `/reports?month=${THIS.key}`)).body);
    const kamome = numbers((await get(jars.kamomeUser, `/reports?month=${THIS.key}`)).body);
    assert.ok(aoba.size > 0 && kamome.size > 0);
    assert.deepEqual([...aoba].filter((n) => kamome.has(n)), []);
    // Naming another customer changes nothing: the customer comes from the session.
    const forged = await get(jars.aobaUser, `/reports?month=${THIS.key}&customer=2&customer_id=2`);
    assert.deepEqual(numbers(forged.body), aoba);
    for (const path of ['/console/reports', '/console/customers/2/reports', `/console/customers/2/reports/pdf?month=${THIS.key}`]) {
      assert.equal((await get(jars.aobaAdmin, path)).status, 404, path);
    }
  });

  test('staff see every customer\'s month and any customer\'s report', async () => {
    const overview = await get(jars.agent, `/console/reports?month=${THIS.key}`);
    assert.equal(overview.status, 200);
    const link = /href="(\/console\/customers\/(\d+)\/reports\?month=[^"]+)">N200000001</.exec(overview.body);
    assert.ok(link, 'a link to aoba\'s report');
    const page = await get(jars.agent, link[1]);
    assert.equal(page.status, 200);
    assert.match(page.body, /あおば商事株式会社/);
    assert.match(page.body, /href="\/console\/cases\/CS\d{7}"/);
    const text = pdfText((await getBytes(jars.agent, `/console/customers/${link[2]}/reports/pdf?month=${THIS.key}`)).body);
    assert.match(text, /あおば商事株式会社/);
    assert.equal((await get(jars.agent, '/console/customers/999999/reports')).status, 404);
  });

  test('the delivery setting: admins only, with CSRF, audited, off by default', async () => {
    const settings = await get(jars.admin, '/console/settings');
    assert.doesNotMatch(settings.body, /name="monthly_reports"[^>]*checked/);
    const base = { short_name: 'MSOC', password_profile: 'guide', password_words: 'Miharashi', monthly_reports: '1' };
    // Without a token, and with another browser's token: refused, nothing changes.
    const bare = await jarRequest(srv.baseURL, jars.admin, '/console/settings', { method: 'POST', headers: FORM, body: form(base) });
    assert.equal(bare.status, 403);
    const foreign = csrfOf((await get(jars.agent, '/console')).body);
    const forged = await jarRequest(srv.baseURL, jars.admin, '/console/settings', { method: 'POST', headers: FORM, body: form({ ...base, csrf: foreign }) });
    assert.equal(forged.status, 403);
    assert.equal((await post(jars.agent, '/console/settings', base, '/console')).status, 404, 'agents have no settings');
    assert.doesNotMatch((await get(jars.admin, '/console/settings')).body, /name="monthly_reports"[^>]*checked/);
    assert.equal((await post(jars.admin, '/console/settings', base)).status, 303);
    assert.match((await get(jars.admin, '/console/settings')).body, /name="monthly_reports"[^>]*checked/);
    assert.match((await get(jars.admin, '/console/audit')).body, /月次レポートの送付設定の変更/);
  });

  test('on the 1st one 月次レポート送付 case per customer, with the PDF and a mail, however often the job runs', async () => {
    const next = tokyoMonth(Date.now(), 1);
    srv.setClockOffset(Math.ceil((next.startMs - Date.now()) / 1000) + 300); // 00:05 on the 1st in Tokyo
    await signIn('aobaUser', 'agent'); // the sessions ended while time moved
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const r = await runCliOnClock(srv, 'jobs');
      assert.equal(r.code, 0, r.stderr);
      runs.push(Number(/monthly reports: (\d+) delivered/.exec(r.stdout)[1]));
    }
    assert.equal(runs[1], 0, 'the second run delivers nothing');
    const subject = `${THIS.y}年${THIS.m}月 月次レポート`;
    const list = await get(jars.aobaUser, '/cases?q=report');
    assert.equal(list.status, 200);
    const rows = list.body.split('<tr').filter((row) => row.includes(subject));
    assert.equal(rows.length, 1, 'one delivery of the month in the list');
    const number = /\/cases\/(CS\d{7})/.exec(rows[0])?.[1];
    assert.ok(number, 'the case number of the delivery');
    const casePage = await get(jars.aobaUser, `/cases/${number}`);
    assert.match(casePage.body, /月次レポート送付/);
    const file = new RegExp(`href="(/cases/${number}/files/\\d+)"[^>]*>[^<]*monthly-report-N200000001-${THIS.key}\\.pdf`).exec(casePage.body);
    assert.ok(file, 'the PDF is attached');
    const text = pdfText((await getBytes(jars.aobaUser, file[1])).body);
    assert.match(text, /あおば商事株式会社/);
    assert.match(text, new RegExp(`${THIS.y}年${THIS.m}月`));
    // The console shows the month as delivered, for every demo customer.
    const overview = await get(jars.agent, `/console/reports?month=${THIS.key}`);
    assert.equal([...overview.body.matchAll(/href="\/console\/cases\/CS\d{7}"/g)].length, 3);
    assert.ok(overview.body.includes(`/console/cases/${number}`));
    // The customer's admin is mailed like for any new case.
    const deadline = Date.now() + 10_000;
    let sent;
    while (!(sent = mail.all('admin@aoba.example').find((m) => m.subject.includes(number))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(sent, `a mail about ${number}`);
    assert.ok(sent.subject.includes(subject), sent.subject);
  });
});
