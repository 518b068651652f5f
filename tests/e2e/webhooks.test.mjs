// Webhooks with a real receiver on loopback: provider admins register
// endpoints (the console only, CSRF on every POST), cases raised through
// the API and the portal form, comments and state changes arrive signed
// (the HMAC is checked here with node:crypto), internal notes only where
// asked for; a receiver answering 500, or down and back, gets a delivery
// exactly once; 24 hours of failures end in "failed"; redeliver; a private
// target is refused at registration and at delivery while the setting is
// off; rows left by a stopped server are delivered by a fresh process.
// Every payload is checked against the OpenAPI document's schema (ajv).
// Time moves with the test clock, never with sleeps.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import http from 'node:http';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FORM, csrfOf, form, jarRequest, request, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, runCliOnClock, startServer } from './lib/server.mjs';

let srv;
let receiver;
let port;
const jars = {};
let token;
let clock = 0;
let validPayload; // the OpenAPI document's WebhookPayload schema
const received = []; // {path, headers, body, json, status}
const answers = new Map(); // path → status codes to answer, in turn (then 200)

function listen(server, p = 0) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve(server.address().port));
  });
}

function newReceiver() {
  return http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const queue = answers.get(req.url) || [];
      const status = queue.length ? queue.shift() : 200;
      received.push({ path: req.url, method: req.method, headers: req.headers, body, json: JSON.parse(body), status });
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
}

/** Waits until count requests match pred (the sender is asynchronous); returns them. */
async function deliveries(pred, count = 1, wait = 5000) {
  const deadline = Date.now() + wait;
  for (;;) {
    const found = received.filter(pred);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function signInAll() {
  [jars.admin, jars.agent, jars.customer] = await Promise.all(
    [ACCOUNTS.providerAdmin.id, ACCOUNTS.agent.id, ACCOUNTS.aobaUser.id].map((id) => signedInJar(srv.baseURL, id)),
  );
}

/**
 * Moves the server's clock forward; its sender sees it at its next poll.
 * Past the sessions' idle limit, everybody signs in again.
 */
async function advance(seconds) {
  clock += seconds;
  srv.setClockOffset(clock);
  if (seconds >= 25 * 60) await signInAll();
}

async function post(jar, path, fields, from = path) {
  const page = await jarRequest(srv.baseURL, jar, from);
  return jarRequest(srv.baseURL, jar, path, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

const ALL_EVENTS = { event_case_created: 'on', event_case_updated: 'on', event_comment_created: 'on', event_case_state_changed: 'on' };

/** Registers an endpoint; returns {id, secret} (secret null when entered). */
async function register(fields) {
  const res = await post(jars.admin, '/console/webhooks', fields);
  assert.ok(res.status === 200 || res.status === 303, `register: ${res.status} ${res.body.slice(0, 300)}`);
  const secret = /<code id="webhook-secret">([^<]+)<\/code>/.exec(res.body)?.[1] ?? null;
  const list = await jarRequest(srv.baseURL, jars.admin, '/console/webhooks');
  const ids = [...list.body.matchAll(/href="\/console\/webhooks\/(\d+)"/g)].map((m) => Number(m[1]));
  return { id: Math.max(...ids), secret };
}

function verify(d, secret) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(d.headers['madoguchi-signature']);
  assert.ok(m, `signature header: ${d.headers['madoguchi-signature']}`);
  const want = crypto.createHmac('sha256', secret).update(`${m[1]}.${d.body}`).digest('hex');
  assert.ok(crypto.timingSafeEqual(Buffer.from(want), Buffer.from(m[2])), 'the HMAC matches');
  assert.equal(d.headers['madoguchi-delivery'], d.json.id);
  assert.equal(d.headers['madoguchi-event'], d.json.event);
  assert.equal(d.headers['content-type'], 'application/json');
  assert.ok(validPayload(d.json), `the documented payload: ${JSON.stringify(validPayload.errors)} in ${d.body.slice(0, 300)}`);
  return Number(m[1]);
}

async function api(method, path, body) {
  const res = await request(srv.baseURL, `/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: JSON.parse(res.body) };
}

async function raiseByForm(subject) {
  const inquiry = await jarRequest(srv.baseURL, jars.customer, '/inquiry');
  const service = /<select id="service"[\s\S]*?<option value="(\d+)"/.exec(inquiry.body)?.[1];
  const boundary = '----webhooks';
  const fields = { csrf: csrfOf(inquiry.body), service, category: 'service', subject, description: '確認をお願いします。' };
  const res = await jarRequest(srv.baseURL, jars.customer, '/inquiry', {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body:
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`,
  });
  assert.equal(res.status, 303);
  return /\/cases\/(CS\d{7})/.exec(res.headers.location)[1];
}

before(async () => {
  srv = await startServer({ clock: true });
  receiver = newReceiver();
  port = await listen(receiver);
  await signInAll();
  const doc = JSON.parse((await request(srv.baseURL, '/api/v1/openapi.json')).body);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  validPayload = ajv.compile({ ...doc.components.schemas.WebhookPayload, components: doc.components });
  assert.deepEqual(Object.keys(doc.webhooks).sort(), ['case.created', 'case.state_changed', 'case.updated', 'comment.created']);
  const res = await post(jars.admin, '/console/api-tokens', { name: 'Hooks', scope_cases_read: 'on', scope_cases_write: 'on', expires: '90' });
  token = /<code id="api-token-secret">([^<]+)<\/code>/.exec(res.body)[1];
});
after(async () => {
  receiver?.close();
  await srv?.stop();
});

describe('who may', () => {
  test('customers and agents do not reach the pages; visitors sign in first', async () => {
    for (const who of ['agent', 'customer']) {
      assert.equal((await jarRequest(srv.baseURL, jars[who], '/console/webhooks')).status, 404, who);
      assert.equal((await jarRequest(srv.baseURL, jars[who], '/console/webhooks/1')).status, 404, who);
      const page = await jarRequest(srv.baseURL, jars[who], '/');
      const res = await jarRequest(srv.baseURL, jars[who], '/console/webhooks', { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), url: 'https://example.com/', ...ALL_EVENTS }) });
      assert.equal(res.status, 404, `${who} POST`);
    }
    const visitor = await request(srv.baseURL, '/console/webhooks');
    assert.ok([302, 303].includes(visitor.status), `visitor: ${visitor.status}`);
    const admin = await jarRequest(srv.baseURL, jars.admin, '/console/webhooks');
    assert.equal(admin.status, 200);
    assert.match(admin.body, /href="\/console\/webhooks"/, 'in the console menu');
  });

  test('every POST wants the CSRF token', async () => {
    const paths = ['/console/webhooks', '/console/webhooks/settings', '/console/webhooks/1/enable', '/console/webhooks/1/disable', '/console/webhooks/1/delete', '/console/webhooks/1/deliveries/1/redeliver'];
    for (const path of paths) {
      const res = await jarRequest(srv.baseURL, jars.admin, path, { method: 'POST', headers: FORM, body: form({ csrf: 'forged', allow_private: 'on', url: 'http://127.0.0.1/', ...ALL_EVENTS }) });
      assert.equal(res.status, 403, path);
    }
    const page = await jarRequest(srv.baseURL, jars.admin, '/console/webhooks');
    assert.doesNotMatch(page.body, /href="\/console\/webhooks\/\d+"/, 'no endpoint');
    assert.doesNotMatch(page.body, /name="allow_private"[^>]*checked/);
  });
});

describe('private targets, setting off', () => {
  test('a literal private, loopback or link-local address is refused at registration', async () => {
    for (const url of [`http://127.0.0.1:${port}/`, 'http://10.1.2.3/', 'https://[::1]/', 'http://169.254.169.254/latest', 'http://[fd00::1]/', 'http://localhost/', 'http://[::ffff:192.168.0.1]/']) {
      const res = await post(jars.admin, '/console/webhooks', { url, ...ALL_EVENTS }, '/console/webhooks');
      assert.equal(res.status, 422, url);
      assert.match(res.body, /aria-invalid="true"/);
    }
    for (const [fields, why] of [
      [{ url: 'ftp://example.com/', ...ALL_EVENTS }, 'scheme'],
      [{ url: 'https://user:pw@example.com/', ...ALL_EVENTS }, 'credentials'],
      [{ url: 'https://example.com/' }, 'no event'],
      [{ url: 'https://example.com/', secret: 'short', ...ALL_EVENTS }, 'short secret'],
    ]) {
      assert.equal((await post(jars.admin, '/console/webhooks', fields)).status, 422, why);
    }
    const page = await jarRequest(srv.baseURL, jars.admin, '/console/webhooks');
    assert.doesNotMatch(page.body, /href="\/console\/webhooks\/\d+"/, 'nothing was registered');
  });

  test('a host name that resolves inside is refused when the delivery connects', async (t) => {
    const name = os.hostname();
    const addrs = await dns.lookup(name, { all: true }).catch(() => []);
    if (!addrs.length || !addrs.every((a) => /^(127\.|10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.|::1$|f[cd])/.test(a.address))) {
      t.skip(`${name} does not resolve to an internal address here`);
      return;
    }
    const ep = await register({ url: `http://${name}:${port}/rebind`, ...ALL_EVENTS });
    const r = await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'Rebinding', description: 'x' });
    assert.equal(r.status, 201);
    let log;
    for (let i = 0; i < 100; i++) {
      log = await jarRequest(srv.baseURL, jars.admin, `/console/webhooks/${ep.id}`);
      if (/internal address/.test(log.body)) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.match(log.body, /refused: [0-9a-f.:]+ is an internal address/);
    assert.equal(received.filter((d) => d.path === '/rebind').length, 0, 'nothing reached the receiver');
    assert.equal((await post(jars.admin, `/console/webhooks/${ep.id}/delete`, {}, '/console/webhooks')).status, 303);
  });
});

describe('deliveries', () => {
  let main;
  let notes;
  let number;

  test('the admin allows private targets and registers endpoints; the secret is shown once', async () => {
    assert.equal((await post(jars.admin, '/console/webhooks/settings', { allow_private: 'on' }, '/console/webhooks')).status, 303);
    main = await register({ url: `http://127.0.0.1:${port}/main`, ...ALL_EVENTS });
    assert.match(main.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    notes = await register({ url: `http://127.0.0.1:${port}/notes`, event_comment_created: 'on', include_internal: 'on', secret: 'entered-secret-0123456789' });
    assert.equal(notes.secret, null, 'an entered secret is not shown');
    notes.secret = 'entered-secret-0123456789';
    const page = await jarRequest(srv.baseURL, jars.admin, '/console/webhooks');
    assert.ok(!page.body.includes(main.secret), 'the list does not show the secret');
    const audit = await jarRequest(srv.baseURL, jars.admin, '/console/audit');
    assert.equal(audit.status, 200);
  });

  test('a case raised through the API arrives signed, in the API\'s shape', async () => {
    const r = await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'CSPM: open port', description: 'Port 22 is open.' });
    assert.equal(r.status, 201);
    number = r.json.number;
    const [d] = await deliveries((x) => x.path === '/main' && x.json.case?.number === number);
    assert.ok(d, 'delivered');
    const t = verify(d, main.secret);
    assert.ok(Math.abs(t - Date.now() / 1000 - clock) < 30);
    assert.equal(d.json.event, 'case.created');
    assert.match(d.json.id, /^wh_[0-9a-f]{32}$/);
    assert.match(d.json.occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const { activity, ...caseOfApi } = r.json;
    assert.ok(activity);
    assert.deepEqual(d.json.case, caseOfApi, 'the same case object as the API answers');
    assert.equal(received.filter((x) => x.path === '/notes').length, 0, 'the notes endpoint takes comments only');
  });

  test('a case raised through the portal form, a comment and a state change', async () => {
    const mine = await raiseByForm('Webhook inquiry');
    const [created] = await deliveries((x) => x.path === '/main' && x.json.event === 'case.created' && x.json.case.number === mine);
    assert.ok(created);
    verify(created, main.secret);
    assert.equal(created.json.case.subject, 'Webhook inquiry');

    let r = await api('POST', `/cases/${number}/comments`, { body: 'We are on it.' });
    assert.equal(r.status, 201);
    const [c] = await deliveries((x) => x.path === '/main' && x.json.event === 'comment.created' && x.json.case.number === number);
    verify(c, main.secret);
    assert.equal(c.json.comment.body, 'We are on it.');
    assert.equal(c.json.comment.internal, false);
    assert.equal(c.json.comment.author.staff, true);
    const [n1] = await deliveries((x) => x.path === '/notes' && x.json.comment?.body === 'We are on it.');
    verify(n1, notes.secret);

    r = await api('POST', `/cases/${number}/state`, { state: 'working' });
    assert.equal(r.status, 200);
    const [s] = await deliveries((x) => x.json.event === 'case.state_changed' && x.json.case.number === number);
    verify(s, main.secret);
    assert.equal(s.json.case.state, 'working');
    assert.equal(s.json.previous_state, 'new');
  });

  test('internal notes go only to the endpoint that takes them, flagged', async () => {
    const r = await api('POST', `/cases/${number}/comments`, { body: 'internal only', internal: true });
    assert.equal(r.status, 201);
    const [n] = await deliveries((x) => x.path === '/notes' && x.json.comment?.body === 'internal only');
    assert.ok(n);
    assert.equal(n.json.comment.internal, true);
    verify(n, notes.secret);
    // Another change after it: once that arrives, the note would have too.
    await api('POST', `/cases/${number}/comments`, { body: 'public after the note' });
    await deliveries((x) => x.path === '/main' && x.json.comment?.body === 'public after the note');
    assert.equal(received.filter((x) => x.path === '/main' && x.json.comment?.body === 'internal only').length, 0);
  });

  test('the delivery log shows status codes and attempts; redeliver queues the same payload', async () => {
    const log = await jarRequest(srv.baseURL, jars.admin, `/console/webhooks/${main.id}`);
    assert.equal(log.status, 200);
    assert.match(log.body, /case\.created/);
    assert.match(log.body, /<td>200<\/td><td>1<\/td>/);
    const m = /action="(\/console\/webhooks\/\d+\/deliveries\/(\d+)\/redeliver)"/.exec(log.body);
    assert.ok(m, 'a redeliver button');
    const before = received.length;
    const forged = await jarRequest(srv.baseURL, jars.admin, m[1], { method: 'POST', headers: FORM, body: form({ csrf: 'x' }) });
    assert.equal(forged.status, 403);
    const res = await post(jars.admin, m[1], {}, `/console/webhooks/${main.id}`);
    assert.equal(res.status, 303);
    const [again] = await deliveries((x, i) => i >= before && x.path === '/main', 1);
    assert.ok(again, 'redelivered');
    verify(again, main.secret);
    const firstOf = received.find((x) => x.json.id === again.json.id);
    assert.equal(firstOf.body, again.body, 'the same payload, the same id');
    const other = await post(jars.admin, `/console/webhooks/${notes.id}/deliveries/${m[2]}/redeliver`, {}, `/console/webhooks/${main.id}`);
    assert.equal(other.status, 404, 'a delivery of another endpoint');
  });
});

describe('retries', () => {
  test('a receiver answering 500 gets the delivery again after the backoff, then exactly once', async () => {
    answers.set('/flaky', [500, 503]);
    const flaky = await register({ url: `http://127.0.0.1:${port}/flaky`, event_case_updated: 'on' });
    const staff = await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'Flaky', description: 'x' });
    const page = await jarRequest(srv.baseURL, jars.agent, `/console/cases/${staff.json.number}`);
    const agentId = /name="assignee">[\s\S]*?<option value="([1-9]\d*)"/.exec(page.body)?.[1];
    assert.ok(agentId, 'an assignee to choose');
    assert.equal((await post(jars.agent, `/console/cases/${staff.json.number}/update`, { state: 'new', assignee: agentId }, `/console/cases/${staff.json.number}`)).status, 303);
    const [first] = await deliveries((x) => x.path === '/flaky');
    assert.equal(first.status, 500);
    assert.equal(first.json.event, 'case.updated');
    verify(first, flaky.secret);
    assert.equal(first.json.case.assignee.id, Number(agentId));
    await advance(31);
    const two = await deliveries((x) => x.path === '/flaky', 2);
    assert.equal(two[1].status, 503);
    assert.equal(two[1].body, first.body);
    await advance(61);
    const three = await deliveries((x) => x.path === '/flaky', 3);
    assert.equal(three[2].status, 200);
    await advance(7200);
    await api('POST', `/cases/${staff.json.number}/comments`, { body: 'a later change' });
    await deliveries((x) => x.json.comment?.body === 'a later change');
    assert.equal(received.filter((x) => x.path === '/flaky').length, 3, 'nothing after the 2xx');
  });

  test('a receiver that is down, then back, gets it once', async () => {
    const down = newReceiver();
    const downPort = await listen(down);
    await new Promise((r) => down.close(r));
    await register({ url: `http://127.0.0.1:${downPort}/back`, event_case_created: 'on' });
    const r = await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'While down', description: 'x' });
    let ep;
    for (let i = 0; i < 100; i++) {
      const list = await jarRequest(srv.baseURL, jars.admin, '/console/webhooks');
      ep = [...list.body.matchAll(/href="\/console\/webhooks\/(\d+)"/g)].pop()[1];
      const log = await jarRequest(srv.baseURL, jars.admin, `/console/webhooks/${ep}`);
      if (/<td>1<\/td>/.test(log.body)) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const back = newReceiver();
    await listen(back, downPort);
    try {
      await advance(31);
      const got = await deliveries((x) => x.path === '/back' && x.json.case.number === r.json.number);
      assert.equal(got.length, 1);
      await advance(86400);
      await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'Marker', description: 'x' });
      await deliveries((x) => x.path === '/back' && x.json.case.subject === 'Marker');
      assert.equal(received.filter((x) => x.path === '/back' && x.json.case.number === r.json.number).length, 1);
    } finally {
      await new Promise((res) => back.close(res));
    }
    assert.equal((await post(jars.admin, `/console/webhooks/${ep}/delete`, {}, '/console/webhooks')).status, 303);
  });

  test('after 24 hours of failures the delivery is marked failed', async () => {
    answers.set('/broken', Array(50).fill(500));
    const ep = await register({ url: `http://127.0.0.1:${port}/broken`, event_case_created: 'on' });
    await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'Broken', description: 'x' });
    await deliveries((x) => x.path === '/broken');
    await advance(86400 + 60);
    await deliveries((x) => x.path === '/broken', 2);
    let log;
    for (let i = 0; i < 100; i++) {
      log = await jarRequest(srv.baseURL, jars.admin, `/console/webhooks/${ep.id}`);
      if (/失敗|Failed/.test(log.body)) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.match(log.body, /<td>500<\/td><td>2<\/td>/);
    assert.match(log.body, /HTTP 500/);
    assert.match(log.body, /失敗|Failed/);
    assert.equal((await post(jars.admin, `/console/webhooks/${ep.id}/delete`, {}, '/console/webhooks')).status, 303);
  });

  test('disabled endpoints get nothing; deleted ones are gone', async () => {
    const ep = await register({ url: `http://127.0.0.1:${port}/off`, event_case_created: 'on' });
    assert.equal((await post(jars.admin, `/console/webhooks/${ep.id}/disable`, {}, '/console/webhooks')).status, 303);
    await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'Off', description: 'x' });
    await deliveries((x) => x.path === '/main' && x.json.case?.subject === 'Off');
    assert.equal(received.filter((x) => x.path === '/off').length, 0);
    assert.equal((await post(jars.admin, `/console/webhooks/${ep.id}/delete`, {}, '/console/webhooks')).status, 303);
    assert.equal((await jarRequest(srv.baseURL, jars.admin, `/console/webhooks/${ep.id}`)).status, 404);
  });
});

describe('restart', () => {
  test('a delivery left by a stopped server is sent by the next process', async () => {
    const ep = await register({ url: `http://127.0.0.1:${port}/later`, event_case_created: 'on' });
    answers.set('/later', [500]);
    const r = await api('POST', '/cases', { customer: 'N200000001', category: 'alarm', subject: 'Across a restart', description: 'x' });
    await deliveries((x) => x.path === '/later');
    process.kill(srv.pid, 'SIGTERM');
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(srv.pid, 0);
      } catch {
        break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    await advance(31);
    const run = await runCliOnClock(srv, 'webhooks');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /webhooks: 1 delivered, 0 to retry, 0 failed/, run.stderr);
    const got = received.filter((x) => x.path === '/later' && x.json.case.number === r.json.number);
    assert.deepEqual(got.map((x) => x.status), [500, 200]);
    assert.ok(ep.id);
  });
});
