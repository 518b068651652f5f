// The audit log: provider admins read every event of the portal in the
// console (filters by customer, user, kind and days; CSV export of the
// filtered list); customer admins read their own company's events on
// 操作履歴, never another company's and never the provider's internal ones
// (a work note on their case); others get 404. Events are made through the
// real pages: sign-ins, an inquiry, an internal note.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfOf, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
const jars = {};
let aobaCase;

function multipart(fields) {
  const boundary = `----madoguchi-audit-${Math.random().toString(16).slice(2)}`;
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(jar, url, fields) {
  const { body, type } = multipart(fields);
  return jarRequest(base, jar, url, { method: 'POST', headers: { 'Content-Type': type }, body });
}

/** The events of a log page: [{event, text}] from the rows' data-event cells. */
function eventsOf(html) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => ({
    event: /data-event="([^"]+)"/.exec(m[1])?.[1],
    text: m[1].replace(/<[^>]*>/g, ' '),
  }));
}

before(async () => {
  srv = await startServer();
  base = srv.baseURL;
  for (const k of ['providerAdmin', 'agent', 'aobaAdmin', 'aobaUser', 'kamomeAdmin']) jars[k] = await signedInJar(base, ACCOUNTS[k].id);
  const form = await jarRequest(base, jars.aobaUser, '/inquiry');
  const service = /<select id="service" name="service"><option value="(\d+)"/.exec(form.body)[1];
  const res = await postMultipart(jars.aobaUser, '/inquiry', [
    ['csrf', csrfOf(form.body)],
    ['service', service],
    ['category', 'other'],
    ['subject', '監査ログの確認'],
    ['description', 'ログに残ること'],
  ]);
  assert.equal(res.status, 303);
  aobaCase = /\/cases\/(CS\d{7})$/.exec(res.headers.location)[1];
  const page = await jarRequest(base, jars.agent, `/console/cases/${aobaCase}`);
  const note = await postMultipart(jars.agent, `/console/cases/${aobaCase}/comments`, [
    ['csrf', csrfOf(page.body)],
    ['visibility', 'internal'],
    ['body', '社内メモ: お客様には見せない'],
  ]);
  assert.equal(note.status, 303);
});
after(async () => {
  await srv?.stop();
});

describe('the console (provider admins)', () => {
  test('every customer’s events, labelled in Japanese, newest first', async () => {
    const res = await jarRequest(base, jars.providerAdmin, '/console/audit');
    assert.equal(res.status, 200);
    const events = eventsOf(res.body).map((e) => e.event);
    assert.ok(events.includes('case.created'));
    assert.ok(events.includes('case.note_added'));
    assert.ok(events.includes('auth.login'));
    assert.ok(res.body.includes('N200000002'), 'another customer’s sign-in is not listed');
    assert.ok(!/data-event="[^"]*"[^>]*>[a-z_]+\.[a-z_]+</.test(res.body), 'a raw event key is shown');
  });

  test('filters by customer, user, kind and days; bad input is refused by its field', async () => {
    const byCustomer = eventsOf((await jarRequest(base, jars.providerAdmin, '/console/audit?customer=N200000002')).body);
    assert.ok(byCustomer.length > 0);
    assert.ok(byCustomer.every((e) => e.text.includes('N200000002')), 'another customer in the filtered list');

    const byKind = eventsOf((await jarRequest(base, jars.providerAdmin, '/console/audit?kind=case.')).body);
    assert.ok(byKind.length >= 2 && byKind.every((e) => e.event.startsWith('case.')), JSON.stringify(byKind));

    const byActor = eventsOf(
      (await jarRequest(base, jars.providerAdmin, `/console/audit?actor=${encodeURIComponent(ACCOUNTS.agent.id)}`)).body,
    );
    assert.ok(byActor.length > 0 && byActor.every((e) => e.text.includes(ACCOUNTS.agent.id)));

    const future = eventsOf((await jarRequest(base, jars.providerAdmin, '/console/audit?from=2099-01-01')).body);
    assert.equal(future.length, 0);

    const unknown = await jarRequest(base, jars.providerAdmin, '/console/audit?customer=N999999999');
    assert.equal(unknown.status, 422);
    assert.match(unknown.body, /このお客様番号のお客様はいません。/);
    const badDate = await jarRequest(base, jars.providerAdmin, '/console/audit?from=2026-13-45');
    assert.equal(badDate.status, 422);
    const badKind = await jarRequest(base, jars.providerAdmin, `/console/audit?kind=${encodeURIComponent("x' OR 1=1 --")}`);
    assert.equal(badKind.status, 422);
  });

  test('the CSV export holds the filtered list', async () => {
    const res = await jarRequest(base, jars.providerAdmin, '/console/audit/export?kind=case.&format=csv');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv/);
    assert.match(res.headers['content-disposition'], /filename="audit-log\.csv"/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.match(lines[0], /日時.*イベント.*お客様番号.*詳細/);
    assert.ok(lines.length >= 3, res.body);
    assert.ok(lines.slice(1).every((l) => !/ログイン/.test(l.split(',')[1])), 'a sign-in in a list of case events');
  });

  test('agents and customers get 404', async () => {
    assert.equal((await jarRequest(base, jars.agent, '/console/audit')).status, 404);
    assert.equal((await jarRequest(base, jars.aobaAdmin, '/console/audit')).status, 404);
    assert.equal((await jarRequest(base, jars.agent, '/console/audit/export?format=csv')).status, 404);
  });
});

describe('操作履歴 (customer admins)', () => {
  test('their own company’s events only, and never the provider’s internal work note', async () => {
    const res = await jarRequest(base, jars.aobaAdmin, '/audit');
    assert.equal(res.status, 200);
    const events = eventsOf(res.body);
    assert.ok(events.some((e) => e.event === 'case.created'), 'the inquiry of the company is missing');
    assert.ok(!events.some((e) => e.event === 'case.note_added'), 'the internal work note is shown to the customer');
    assert.ok(!res.body.includes('N200000002') && !res.body.includes(ACCOUNTS.kamomeAdmin.id), 'another company’s event is shown');
    // No way round it: a customer filter is ignored, a kind of the provider gives nothing.
    const other = eventsOf((await jarRequest(base, jars.aobaAdmin, '/audit?customer=N200000002')).body);
    assert.ok(!other.some((e) => e.text.includes(ACCOUNTS.kamomeAdmin.id)));
    assert.equal(eventsOf((await jarRequest(base, jars.aobaAdmin, '/audit?kind=case.note_added')).body).length, 0);
    assert.equal(eventsOf((await jarRequest(base, jars.aobaAdmin, '/audit?kind=catalog.')).body).length, 0);
  });

  test('a user of another company is not a filter', async () => {
    const res = await jarRequest(base, jars.aobaAdmin, `/audit?actor=${encodeURIComponent(ACCOUNTS.kamomeAdmin.id)}`);
    assert.equal(res.status, 422);
    assert.match(res.body, /このユーザーIDのユーザーはいません。/);
  });

  test('the export has no details column and only the company’s rows', async () => {
    const res = await jarRequest(base, jars.aobaAdmin, '/audit/export?format=csv');
    assert.equal(res.status, 200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.ok(!/詳細|お客様番号/.test(lines[0]), lines[0]);
    assert.ok(!res.body.includes(ACCOUNTS.kamomeAdmin.id));
    assert.ok(!res.body.includes('社内メモ'));
  });

  test('users who are not admins, and staff, get 404', async () => {
    assert.equal((await jarRequest(base, jars.aobaUser, '/audit')).status, 404);
    assert.equal((await jarRequest(base, jars.agent, '/audit')).status, 404);
  });

  test('the account management menu offers it', async () => {
    const page = await jarRequest(base, jars.aobaAdmin, '/account');
    assert.match(page.body, /<a class="tile" href="\/audit"><span class="tile-title">操作履歴</);
  });
});
