// Resolved cases close by themselves (解決済み (クローズ待ち) → クローズ) after
// the provider's number of days without an answer: the setting and its
// refusals, the date on the customer's case page, the mail a day before
// (once), the closing with its rating mail, and a case the customer
// answered in time that stays open. Time moves with the test clock; the
// jobs run through `madoguchi jobs` (the server runs the same every round).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FORM, csrfOf, form, jarRequest, signedInJar } from './lib/http.mjs';
import { mailsTo } from './lib/outbox.mjs';
import { ACCOUNTS, runCliOnClock, startServer } from './lib/server.mjs';

const DAY = 86400;
let srv;
let customer;
let agent;
let admin;
const email = ACCOUNTS.aobaUser.id.replace(/\.cs$/, '');

async function signInAgain() {
  [customer, agent, admin] = await Promise.all(
    [ACCOUNTS.aobaUser.id, ACCOUNTS.agent.id, ACCOUNTS.providerAdmin.id].map((id) => signedInJar(srv.baseURL, id)),
  );
}

before(async () => {
  srv = await startServer({ clock: true });
  await signInAgain();
});
after(async () => {
  await srv?.stop();
});

async function post(jar, path, fields, from = path) {
  const page = await jarRequest(srv.baseURL, jar, from);
  return jarRequest(srv.baseURL, jar, path, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

/** The customer raises a case; the agent resolves it. Returns its number. */
async function resolvedCase(subject) {
  const inquiry = await jarRequest(srv.baseURL, customer, '/inquiry');
  const service = /<select id="service"[\s\S]*?<option value="(\d+)"/.exec(inquiry.body)?.[1];
  const boundary = '----autoclose';
  const fields = { csrf: csrfOf(inquiry.body), service, category: 'service', subject, description: '確認をお願いします。' };
  const raised = await jarRequest(srv.baseURL, customer, '/inquiry', {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body:
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`,
  });
  assert.equal(raised.status, 303);
  const number = /\/cases\/(CS\d{7})/.exec(raised.headers.location)[1];
  const resolved = await post(agent, `/console/cases/${number}/update`, { state: 'resolved', assignee: '' }, `/console/cases/${number}`);
  assert.equal(resolved.status, 303);
  return number;
}

async function jobs() {
  const r = await runCliOnClock(srv, 'jobs');
  assert.equal(r.code, 0, r.stderr);
  const m = /auto-close: (\d+) warned, (\d+) closed/.exec(r.stdout);
  assert.ok(m, r.stdout);
  return { warned: Number(m[1]), closed: Number(m[2]) };
}


describe('auto-close', () => {
  let number;
  let answered;

  test('the provider sets the days; bad values are refused', async () => {
    const settings = await jarRequest(srv.baseURL, admin, '/console/settings');
    assert.match(settings.body, /name="auto_close_days"[^>]*value="7"/, 'a week by default');
    const base = { short_name: 'MSOC', password_profile: 'guide', password_words: 'Miharashi' };
    for (const bad of ['91', '-1', 'x', '3.5']) {
      const r = await post(admin, '/console/settings', { ...base, auto_close_days: bad });
      assert.equal(r.status, 422, `auto_close_days=${bad}`);
    }
    assert.equal((await post(admin, '/console/settings', { ...base, auto_close_days: '3' })).status, 303);
    assert.match((await jarRequest(srv.baseURL, admin, '/console/settings')).body, /name="auto_close_days"[^>]*value="3"/);
  });

  test('a resolved case shows when it closes; the contact is told a day before, once', async () => {
    number = await resolvedCase('自動クローズの確認');
    answered = await resolvedCase('回答するケース');
    const page = await jarRequest(srv.baseURL, customer, `/cases/${number}`);
    assert.match(page.body, /ご回答がない場合、\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} に自動的にクローズされます。/);
    assert.deepEqual(await jobs(), { warned: 0, closed: 0 }, 'nothing is due at once');
    srv.setClockOffset(2 * DAY + 3600);
    await signInAgain(); // the sessions ended while time moved
    // The customer rejects the second case's solution: it is no longer resolved.
    assert.equal((await post(customer, `/cases/${answered}/reject`, {}, `/cases/${answered}`)).status, 303);
    assert.deepEqual(await jobs(), { warned: 1, closed: 0 });
    const [warning] = await mailsTo(srv.dataDir, email, 'まもなくクローズ');
    assert.ok(warning, 'the warning mail');
    assert.ok(warning.subject.includes(number), warning.subject);
    assert.deepEqual(await jobs(), { warned: 0, closed: 0 }, 'told once');
  });

  test('after the days it closes by itself and asks for a rating; the answered case stays open', async () => {
    srv.setClockOffset(3 * DAY + 3600);
    await signInAgain();
    assert.deepEqual(await jobs(), { warned: 0, closed: 1 });
    const page = await jarRequest(srv.baseURL, customer, `/cases/${number}`);
    assert.match(page.body, /このケースはクローズされています/);
    assert.doesNotMatch((await jarRequest(srv.baseURL, customer, `/cases/${answered}`)).body, /このケースはクローズされています/);
    const rating = await mailsTo(srv.dataDir, email, '/rate/');
    assert.ok(rating.some((m) => m.subject.includes(number)), 'the rating mail of the closed case');
    assert.deepEqual(await jobs(), { warned: 0, closed: 0 });
    const audit = await jarRequest(srv.baseURL, admin, '/console/audit');
    assert.match(audit.body, /resolved→closed auto/);
  });
});
