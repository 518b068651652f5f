// Service levels (サービスレベル): provider admins set a service's first
// response and resolution targets and a contract's own; the customer reads
// the targets in force on its contract page; the console's queue and case
// page show the time left, the breach once the clock has moved past the
// target, and the pause while the case waits for the customer — in Japanese
// and in English. Agents cannot set targets, a form without its CSRF token
// changes nothing, and a customer never sees another company's targets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FORM, csrfOf, form, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

const HOUR = 3600;
let srv;
const jars = {};

async function signInAgain() {
  for (const key of ['aobaUser', 'kamomeUser', 'agent', 'providerAdmin']) jars[key] = await signedInJar(srv.baseURL, ACCOUNTS[key].id);
}

before(async () => {
  srv = await startServer({ clock: true });
  await signInAgain();
});
after(async () => {
  await srv?.stop();
});

const get = (who, p) => jarRequest(srv.baseURL, jars[who], p);
async function post(who, p, fields, from = p) {
  const page = await get(who, from);
  return jarRequest(srv.baseURL, jars[who], p, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

/** The profile's language decides a signed-in user's pages: sends the profile back with another. */
async function setLanguage(who, lang) {
  const page = (await get(who, '/profile')).body;
  const f = /<form[^>]*action="\/profile"[^>]*>([\s\S]*?)<\/form>/.exec(page)[1];
  const fields = {};
  for (const m of f.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&');
  fields.time_zone = /name="time_zone"[\s\S]*?<option[^>]*value="([^"]+)"[^>]*selected/.exec(f)[1];
  fields.lang = lang;
  const r = await post(who, '/profile', fields);
  assert.equal(r.status, 303, `profile of ${who}`);
}

/** The queue's row of a case and its service-level cell. */
async function queueCell(number) {
  const q = await get('agent', '/console/cases');
  assert.equal(q.status, 200);
  const row = new RegExp(`<tr><td><a href="/console/cases/${number}">[\\s\\S]*?</tr>`).exec(q.body)?.[0];
  assert.ok(row, `${number} in the queue`);
  const m = /<td data-sla="([a-z]+)">(?:<span[^>]*>([^<]*)<\/span>)?/.exec(row);
  return { phase: m[1], text: m[2] ?? '' };
}

/** The console's case page: the clocks' rows. */
async function caseClocks(number) {
  const page = (await get('agent', `/console/cases/${number}`)).body;
  return [...page.matchAll(/<dt>([^<]*)<\/dt><dd data-sla="([a-z]+)">([^<]*)<\/dd>/g)].map((m) => ({ label: m[1], phase: m[2], text: m[3] }));
}

let service; // aoba's first service
let number;

describe('targets', () => {
  test('agents cannot reach the targets; a form without its token changes nothing', async () => {
    const inquiry = (await get('aobaUser', '/inquiry')).body;
    service = /<select id="service"[\s\S]*?<option value="(\d+)"/.exec(inquiry)[1];
    const p = `/console/services/${service}/levels`;
    assert.equal((await get('agent', p)).status, 404);
    assert.equal((await get('aobaUser', p)).status, 404);
    const byAgent = await post('agent', p, { response_target: '1', resolution_target: '8' }, '/console/cases');
    assert.equal(byAgent.status, 404);
    const noToken = await jarRequest(srv.baseURL, jars.providerAdmin, p, {
      method: 'POST',
      headers: FORM,
      body: form({ response_target: '1', resolution_target: '8' }),
    });
    assert.equal(noToken.status, 403);
    assert.doesNotMatch((await get('providerAdmin', p)).body, /name="response_target"[^>]*value="1"/);
  });

  test('a provider admin sets a service’s targets; bad input is refused next to the field', async () => {
    const p = `/console/services/${service}/levels`;
    const bad = await post('providerAdmin', p, { response_target: '4h', resolution_target: '8' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /<input id="response_target" name="response_target"[^>]*aria-invalid="true"[^>]*value="4h"/);
    assert.match(bad.body, /id="response_target-error"/);
    assert.doesNotMatch(bad.body, /id="resolution_target-error"/);
    assert.match((await get('providerAdmin', '/console/services')).body, /初回応答目標<\/dt><dd>なし/, 'nothing was saved');
    assert.equal((await post('providerAdmin', p, { response_target: '1', resolution_target: '8' })).status, 303);
    const list = (await get('providerAdmin', '/console/services')).body;
    assert.match(list, /初回応答目標<\/dt><dd>1時間<\/dd><dt>解決目標<\/dt><dd>8時間/);
    assert.match((await get('providerAdmin', '/console/audit')).body, /response=60min resolution=480min/);
  });

  test('a contract overrides its service; each customer sees its own targets only', async () => {
    const kamomeInquiry = (await get('kamomeUser', '/services')).body;
    const kamomeContract = /<a href="\/services\/(\d+)">/.exec(kamomeInquiry)[1];
    assert.equal((await post('providerAdmin', `/console/contracts/${kamomeContract}/levels`, { response_target: '0:30', resolution_target: '' })).status, 303);
    const kamome = (await get('kamomeUser', `/services/${kamomeContract}`)).body;
    assert.match(kamome, /初回応答目標<\/dt><dd>30分/);
    assert.equal((await get('aobaUser', `/services/${kamomeContract}`)).status, 404, 'another company’s contract');
    const aobaContract = /<a href="\/services\/(\d+)">/.exec((await get('aobaUser', '/services')).body)[1];
    const aoba = (await get('aobaUser', `/services/${aobaContract}`)).body;
    assert.match(aoba, /初回応答目標<\/dt><dd>1時間<\/dd><dt>解決目標<\/dt><dd>8時間/);
    assert.doesNotMatch(aoba, /30分/);
  });
});

describe('the clock', () => {
  test('a new case shows its time left in the queue and on the case page', async () => {
    const inquiry = await get('aobaUser', '/inquiry');
    const boundary = '----sla';
    const fields = { csrf: csrfOf(inquiry.body), service, category: 'alert', subject: '検知アラートの確認', description: '確認をお願いします。' };
    const raised = await jarRequest(srv.baseURL, jars.aobaUser, '/inquiry', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body:
        Object.entries(fields)
          .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
          .join('') + `--${boundary}--\r\n`,
    });
    assert.equal(raised.status, 303);
    number = /\/cases\/(CS\d{7})/.exec(raised.headers.location)[1];
    const cell = await queueCell(number);
    assert.equal(cell.phase, 'running');
    assert.match(cell.text, /^初回応答 残り (59分|1時間)$/);
    const clocks = await caseClocks(number);
    assert.deepEqual(clocks.map((c) => c.label), ['初回応答', '解決']);
    assert.match(clocks[1].text, /^残り (7時間59分|8時間)$/);
    const mine = (await get('aobaUser', `/cases/${number}`)).body;
    assert.doesNotMatch(mine, /data-sla|初回応答目標/, 'the clocks are the console’s');
  });

  test('past the target the queue says by how much, in words', async () => {
    srv.setClockOffset(2 * HOUR);
    await signInAgain(); // the sessions ended while time moved
    const cell = await queueCell(number);
    assert.equal(cell.phase, 'breached');
    assert.match(cell.text, /^初回応答 超過 (59分|1時間)$/);
    const queue = (await get('agent', '/console/cases')).body;
    assert.match(queue, /<a class="case-chip" href="[^"]*q=breached[^"]*" data-quick="breached">目標超過<\/a>/);
    const over = (await get('agent', '/console/cases?q=breached')).body;
    assert.match(over, new RegExp(`href="/console/cases/${number}"`), 'the quick filter 目標超過 lists it');
    assert.doesNotMatch(over, /data-sla="(running|paused|none|met)"/, 'and nothing within its targets');
    assert.equal((await get('aobaUser', '/cases?q=breached')).status, 400, 'customers have no such filter');
  });

  test('asking the customer answers late and pauses the resolution clock', async () => {
    const moved = await post('agent', `/console/cases/${number}/update`, { state: 'awaiting', assignee: '' }, `/console/cases/${number}`);
    assert.equal(moved.status, 303);
    srv.setClockOffset(7 * HOUR);
    await signInAgain();
    const clocks = await caseClocks(number);
    assert.equal(clocks[0].phase, 'missed');
    assert.match(clocks[0].text, /^未達 \(2時間\)$/);
    assert.equal(clocks[1].phase, 'paused');
    assert.match(clocks[1].text, /^お客様の回答待ちで停止中、残り (5時間59分|6時間)$/, '5 hours waiting do not count');
    const cell = await queueCell(number);
    assert.equal(cell.phase, 'paused');
    assert.match(cell.text, /^解決 お客様の回答待ちで停止中、残り (5時間59分|6時間)$/);
  });

  test('the customer’s answer resumes it; in English too', async () => {
    const answered = await post('aobaUser', `/cases/${number}/comments`, { body: '回答します。' }, `/cases/${number}`);
    assert.ok([303, 200].includes(answered.status), `comment: ${answered.status}`);
    srv.setClockOffset(8 * HOUR);
    await signInAgain();
    let cell = await queueCell(number);
    assert.equal(cell.phase, 'running');
    assert.match(cell.text, /^解決 残り (4時間59分|5時間)$/);
    await setLanguage('agent', 'en');
    try {
      cell = await queueCell(number);
      assert.match(cell.text, /^Resolution (4 h 59 min|5 h) left$/);
      const clocks = await caseClocks(number);
      assert.deepEqual(clocks.map((c) => c.label), ['First response', 'Resolution']);
      assert.match(clocks[0].text, /^Missed \(2 h\)$/);
      const q = (await get('agent', '/console/cases')).body;
      assert.match(q, /<th scope="col" data-sort="sla">Service level<\/th>/);
    } finally {
      await setLanguage('agent', 'ja');
    }
    await setLanguage('aobaUser', 'en');
    const aobaContract = /<a href="\/services\/(\d+)">/.exec((await get('aobaUser', '/services')).body)[1];
    assert.match((await get('aobaUser', `/services/${aobaContract}`)).body, /First response target<\/dt><dd>1 h<\/dd><dt>Resolution target<\/dt><dd>8 h/);
    await setLanguage('aobaUser', 'ja');
  });
});
