// The integration API over real HTTP: tokens issued in the console and by a
// customer admin, every endpoint, every error status, scopes, revocation,
// tenancy (another company's case is 404), Idempotency-Key and alarm dedup
// under 20 concurrent requests. The OpenAPI document is validated with
// swagger-parser, and every response is checked against its schema (ajv).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FORM, csrfOf, form, jarRequest, request, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let doc;
let ajv;
const tokens = {}; // name → secret
const jars = {};

/** Issues a token through the tokens page at base; returns the secret shown once. */
async function issue(jar, base, fields) {
  const page = await jarRequest(srv.baseURL, jar, base);
  assert.equal(page.status, 200, `GET ${base}`);
  const res = await jarRequest(srv.baseURL, jar, base, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), expires: '90', ...fields }) });
  assert.equal(res.status, 200, `POST ${base}: ${res.body.slice(0, 200)}`);
  const m = /<code id="api-token-secret">([^<]+)<\/code>/.exec(res.body);
  assert.ok(m, 'the secret is shown');
  return m[1];
}

/** The id of the token named name on the tokens page (from its revoke form). */
async function tokenId(jar, base, name) {
  const page = await jarRequest(srv.baseURL, jar, base);
  const i = page.body.indexOf(`<td>${name}<br>`);
  assert.ok(i >= 0, `token ${name} is listed`);
  const m = /action="[^"]*\/(\d+)\/revoke"/.exec(page.body.slice(i));
  return { id: m?.[1], page };
}

/** The documented schema of an answer, or a failure when the status is not documented. */
function schemaOf(method, template, status, contentType) {
  const op = doc.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is documented`);
  let resp = op.responses[String(status)];
  if (resp?.$ref) resp = doc.components.responses[resp.$ref.split('/').pop()];
  assert.ok(resp, `${method} ${template} documents ${status}`);
  const type = (contentType || '').split(';')[0];
  const content = resp.content?.[type];
  assert.ok(content, `${method} ${template} ${status} documents ${type}`);
  return content.schema;
}

const validators = new Map();
/** One API call; its answer is checked against the document. Returns {status, headers, json}. */
async function api(method, path, { token, body, headers = {}, template, raw } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['Content-Type'] ??= 'application/json';
  }
  const res = await request(srv.baseURL, `/api/v1${path}`, { method, headers: h, body: payload });
  const json = res.body ? JSON.parse(res.body) : null;
  const t = template ?? path.split('?')[0];
  const schema = schemaOf(method, t, res.status, res.headers['content-type']);
  const key = `${method} ${t} ${res.status}`;
  if (!validators.has(key)) validators.set(key, ajv.compile({ ...schema, components: doc.components }));
  const validate = validators.get(key);
  assert.ok(validate(json), `${key}: ${JSON.stringify(validate.errors)} in ${res.body.slice(0, 300)}`);
  return { status: res.status, headers: res.headers, json };
}

before(async () => {
  srv = await startServer();
  const res = await request(srv.baseURL, '/api/v1/openapi.json');
  assert.equal(res.status, 200);
  doc = JSON.parse(res.body);
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  jars.provider = await signedInJar(srv.baseURL, ACCOUNTS.providerAdmin.id);
  jars.aoba = await signedInJar(srv.baseURL, ACCOUNTS.aobaAdmin.id);
  jars.kamome = await signedInJar(srv.baseURL, ACCOUNTS.kamomeAdmin.id);
  const all = { scope_cases_read: 'on', scope_cases_write: 'on', scope_customers_read: 'on' };
  tokens.provider = await issue(jars.provider, '/console/api-tokens', { name: 'CSPM', ...all });
  tokens.providerKamome = await issue(jars.provider, '/console/api-tokens', { name: 'Kamome only', customer: 'N200000002', ...all });
  tokens.readOnly = await issue(jars.provider, '/console/api-tokens', { name: 'Reader', scope_cases_read: 'on' });
  tokens.limited = await issue(jars.provider, '/console/api-tokens', { name: 'Rate', scope_cases_read: 'on' });
  tokens.aoba = await issue(jars.aoba, '/api-tokens', { name: 'Aoba tool', scope_cases_read: 'on', scope_cases_write: 'on', scope_customers_read: 'on' });
  tokens.kamome = await issue(jars.kamome, '/api-tokens', { name: 'Kamome tool', scope_cases_read: 'on', scope_cases_write: 'on' });
});
after(async () => {
  await srv?.stop();
});

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1 (swagger-parser) and the same as the repository\'s', async () => {
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
    const { readFile } = await import('node:fs/promises');
    const inTree = JSON.parse(await readFile(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(doc, inTree);
  });
});

describe('tokens', () => {
  test('the secret is shown once and kept hashed; a customer admin cannot hand out customers:read', async () => {
    assert.match(tokens.provider, /^mdg_[A-Za-z0-9_-]{43}$/);
    const page = await jarRequest(srv.baseURL, jars.provider, '/console/api-tokens');
    assert.ok(!page.body.includes(tokens.provider), 'the list does not show the secret');
    const r = await api('GET', '/customers', { token: tokens.aoba });
    assert.equal(r.status, 403, 'customers:read was dropped from the customer token');
  });

  test('a customer admin sees only its company\'s tokens; the console sees all', async () => {
    const aoba = await jarRequest(srv.baseURL, jars.aoba, '/api-tokens');
    assert.ok(aoba.body.includes('Aoba tool') && !aoba.body.includes('Kamome tool') && !aoba.body.includes('CSPM'));
    const all = await jarRequest(srv.baseURL, jars.provider, '/console/api-tokens');
    assert.ok(all.body.includes('Aoba tool') && all.body.includes('Kamome tool'));
    const user = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
    assert.equal((await jarRequest(srv.baseURL, user, '/api-tokens')).status, 404);
  });

  test('a bad name or no scope is refused with the field errors, issuing nothing', async () => {
    const page = await jarRequest(srv.baseURL, jars.provider, '/console/api-tokens');
    const res = await jarRequest(srv.baseURL, jars.provider, '/console/api-tokens', { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), name: ' ', expires: '90' }) });
    assert.equal(res.status, 422);
    assert.ok(!res.body.includes('api-token-secret'));
  });
});

describe('errors', () => {
  test('401 without a token, with a wrong one; 403 without the scope', async () => {
    let r = await api('GET', '/cases');
    assert.equal(r.status, 401);
    assert.match(r.headers['www-authenticate'], /^Bearer/);
    assert.match(r.headers['content-type'], /^application\/problem\+json/);
    r = await api('GET', '/cases', { token: 'mdg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(r.status, 401);
    r = await api('POST', '/cases', { token: tokens.readOnly, body: { subject: 'x' } });
    assert.equal(r.status, 403);
  });

  test('400 malformed JSON, 415 not JSON, 413 too large, 422 field errors, 404 unknown case', async () => {
    let r = await api('POST', '/cases', { token: tokens.provider, raw: '{"subject":', headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400);
    r = await api('POST', '/cases', { token: tokens.provider, raw: 'subject=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 415);
    r = await api('POST', '/cases', { token: tokens.provider, body: { customer: 'N200000001', category: 'alarm', subject: 'x', description: 'x'.repeat(400 * 1024) } });
    assert.equal(r.status, 413);
    r = await api('POST', '/cases', { token: tokens.provider, body: { customer: 'N200000001', category: 'alarm', subject: '', description: '' } });
    assert.equal(r.status, 422);
    const fields = r.json.errors.map((e) => e.field);
    assert.ok(fields.includes('subject') && fields.includes('description'), JSON.stringify(r.json));
    r = await api('POST', '/cases', { token: tokens.aoba, body: { category: 'alarm', subject: 'x', description: 'x' } });
    assert.equal(r.status, 422, 'a customer may not pick the alarm category');
    r = await api('GET', '/cases/CS9999999', { token: tokens.provider, template: '/cases/{number}' });
    assert.equal(r.status, 404);
  });

  test('429 with Retry-After past the token\'s rate', async () => {
    const answers = [];
    for (let i = 0; i < 140 && !answers.some((a) => a.status === 429); i += 20) {
      answers.push(...(await Promise.all(Array.from({ length: 20 }, () => api('GET', '/cases?limit=1', { token: tokens.limited, template: '/cases' })))));
    }
    const limited = answers.find((a) => a.status === 429);
    assert.ok(limited, 'a request was limited');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
  });
});

describe('cases', () => {
  let number;
  test('customers, contacts and services for a provider token; raise, get, list', async () => {
    let r = await api('GET', '/customers', { token: tokens.provider });
    assert.equal(r.status, 200);
    assert.ok(r.json.items.some((c) => c.number === 'N200000001'));
    const contacts = await api('GET', '/customers/N200000001/contacts', { token: tokens.provider, template: '/customers/{number}/contacts' });
    const services = await api('GET', '/customers/N200000001/services', { token: tokens.provider, template: '/customers/{number}/services' });
    assert.ok(contacts.json.items.length > 0 && services.json.items.length > 0);
    r = await api('POST', '/cases', {
      token: tokens.provider,
      body: { customer: 'N200000001', contact: contacts.json.items[0].id, service: services.json.items[0].id, category: 'alarm', subject: 'CSPM: public bucket', description: 'Bucket logs is public.' },
    });
    assert.equal(r.status, 201);
    number = r.json.number;
    assert.equal(r.json.customer.number, 'N200000001');
    assert.equal(r.json.contact.id, contacts.json.items[0].id);
    r = await api('GET', `/cases/${number}`, { token: tokens.aoba, template: '/cases/{number}' });
    assert.equal(r.status, 200);
    assert.equal(r.json.activity[0].kind, 'created');
    r = await api('GET', '/cases?category=alarm&state=new&customer=N200000001', { token: tokens.provider, template: '/cases' });
    assert.ok(r.json.items.some((c) => c.number === number));
  });

  test('cursor paging walks every case once', async () => {
    const services = await api('GET', '/customers/N200000001/services', { token: tokens.aoba, template: '/customers/{number}/services' });
    assert.equal(services.status, 200, 'a customer token reads its own services');
    const other = await api('GET', '/customers/N200000002/services', { token: tokens.aoba, template: '/customers/{number}/services' });
    assert.equal(other.status, 404);
    for (let i = 0; i < 4; i++) {
      const r = await api('POST', '/cases', { token: tokens.aoba, body: { service: services.json.items[0].id, category: 'fault', subject: `Fault ${i}`, description: 'Down.' } });
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
    const seen = new Set();
    let cursor = '';
    for (let pages = 0; pages < 100; pages++) {
      const r = await api('GET', `/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: tokens.provider, template: '/cases' });
      assert.ok(r.json.items.length <= 2);
      for (const c of r.json.items) {
        assert.ok(!seen.has(c.number), `${c.number} twice`);
        seen.add(c.number);
      }
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.ok(seen.size >= 5, `${seen.size} cases`);
    assert.equal((await api('GET', '/cases?limit=101', { token: tokens.provider, template: '/cases' })).status, 400);
    assert.equal((await api('GET', '/cases?cursor=x', { token: tokens.provider, template: '/cases' })).status, 400);
  });

  test('comments: public and internal from staff; the customer sees only the public one', async () => {
    let r = await api('POST', `/cases/${number}/comments`, { token: tokens.provider, body: { body: 'We are looking into it.' }, template: '/cases/{number}/comments' });
    assert.equal(r.status, 201);
    r = await api('POST', `/cases/${number}/comments`, { token: tokens.provider, body: { body: 'secret work note', internal: true }, template: '/cases/{number}/comments' });
    assert.equal(r.status, 201);
    r = await api('POST', `/cases/${number}/comments`, { token: tokens.aoba, body: { body: 'note', internal: true }, template: '/cases/{number}/comments' });
    assert.equal(r.status, 403);
    r = await api('POST', `/cases/${number}/comments`, { token: tokens.aoba, body: { body: 'Thanks.' }, template: '/cases/{number}/comments' });
    assert.equal(r.status, 201);
    assert.ok(r.json.activity.some((a) => a.body === 'We are looking into it.'));
    assert.ok(!r.json.activity.some((a) => a.body === 'secret work note'));
  });

  test('state: staff moves it, the customer closes it, a closed case takes nothing (409)', async () => {
    let r = await api('POST', `/cases/${number}/state`, { token: tokens.provider, body: { state: 'bogus' }, template: '/cases/{number}/state' });
    assert.equal(r.status, 422);
    r = await api('POST', `/cases/${number}/state`, { token: tokens.provider, body: { state: 'working' }, template: '/cases/{number}/state' });
    assert.equal(r.status, 200);
    assert.equal(r.json.state, 'working');
    r = await api('POST', `/cases/${number}/state`, { token: tokens.aoba, body: { state: 'closed' }, template: '/cases/{number}/state' });
    assert.equal(r.status, 403);
    r = await api('POST', `/cases/${number}/state`, { token: tokens.aoba, body: { action: 'close' }, template: '/cases/{number}/state' });
    assert.equal(r.status, 200);
    assert.equal(r.json.state, 'closed');
    r = await api('POST', `/cases/${number}/comments`, { token: tokens.aoba, body: { body: 'again' }, template: '/cases/{number}/comments' });
    assert.equal(r.status, 409);
  });

  test('tenancy: another company\'s token and a token kept to another customer get 404', async () => {
    for (const token of [tokens.kamome, tokens.providerKamome]) {
      let r = await api('GET', `/cases/${number}`, { token, template: '/cases/{number}' });
      assert.equal(r.status, 404);
      r = await api('POST', `/cases/${number}/comments`, { token, body: { body: 'x' }, template: '/cases/{number}/comments' });
      assert.equal(r.status, 404);
      r = await api('POST', `/cases/${number}/state`, { token, body: { action: 'close' }, template: '/cases/{number}/state' });
      assert.equal(r.status, 404);
      r = await api('GET', '/cases?limit=100', { token, template: '/cases' });
      assert.ok(r.json.items.every((c) => c.customer.number === 'N200000002'));
    }
    let r = await api('GET', '/cases?customer=N200000001', { token: tokens.providerKamome, template: '/cases' });
    assert.deepEqual(r.json.items, []);
    r = await api('POST', '/cases', { token: tokens.providerKamome, body: { customer: 'N200000001', category: 'alarm', subject: 'x', description: 'x' } });
    assert.equal(r.status, 404);
    r = await api('GET', '/customers/N200000001/contacts', { token: tokens.providerKamome, template: '/customers/{number}/contacts' });
    assert.equal(r.status, 404);
  });
});

describe('alarms and idempotency', () => {
  const alarm = (extra = {}) => ({ customer: 'N200000001', category: 'alarm', subject: 'CSPM: MFA off for root', description: 'Root account has no MFA.', ...extra });

  test('20 concurrent identical alarms make one case; each repeat is an occurrence comment (200)', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => api('POST', '/cases', { token: tokens.provider, body: alarm({ external_id: 'cspm-root-mfa' }) })));
    const numbers = new Set(answers.map((a) => a.json.number));
    assert.equal(numbers.size, 1, [...numbers].join(' '));
    assert.equal(answers.filter((a) => a.status === 201).length, 1, 'one new case');
    assert.equal(answers.filter((a) => a.status === 200).length, 19, 'the others are occurrences');
    const r = await api('GET', `/cases/${[...numbers][0]}`, { token: tokens.aoba, template: '/cases/{number}' });
    assert.equal(r.json.activity.filter((a) => a.kind === 'comment').length, 19, 'the customer sees every occurrence');
    // And so does the customer's portal: the case page shows the description and its 19 repeats.
    const page = await jarRequest(srv.baseURL, jars.aoba, `/cases/${[...numbers][0]}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.split('Root account has no MFA.').length - 1 >= 20, 'the occurrences are on the case page');
  });

  test('a closed alarm case is not reused: the next alarm opens a new case', async () => {
    const first = await api('POST', '/cases', { token: tokens.provider, body: alarm({ external_id: 'cspm-once' }) });
    assert.equal(first.status, 201);
    await api('POST', `/cases/${first.json.number}/state`, { token: tokens.aoba, body: { action: 'close' }, template: '/cases/{number}/state' });
    const again = await api('POST', '/cases', { token: tokens.provider, body: alarm({ external_id: 'cspm-once' }) });
    assert.equal(again.status, 201);
    assert.notEqual(again.json.number, first.json.number);
  });

  test('20 concurrent requests with one Idempotency-Key: one case, the same answer for all', async () => {
    const headers = { 'Idempotency-Key': 'raise-42' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => api('POST', '/cases', { token: tokens.provider, headers, body: alarm({ subject: 'Idempotent alarm' }) })));
    assert.ok(answers.every((a) => a.status === 201), answers.map((a) => a.status).join(' '));
    assert.equal(new Set(answers.map((a) => a.json.number)).size, 1);
    assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 19);
    const list = await api('GET', '/cases?limit=100&category=alarm', { token: tokens.provider, template: '/cases' });
    assert.equal(list.json.items.filter((c) => c.subject === 'Idempotent alarm').length, 1);
    const other = await api('POST', '/cases', { token: tokens.provider, headers, body: alarm({ subject: 'Another body' }) });
    assert.equal(other.status, 422, 'the key reused for another request');
    const otherToken = await api('POST', '/cases', { token: tokens.aoba, headers, body: { service: (await api('GET', '/customers/N200000001/services', { token: tokens.aoba, template: '/customers/{number}/services' })).json.items[0].id, category: 'fault', subject: 'Own key space', description: 'x' } });
    assert.equal(otherToken.status, 201, 'keys are per token');
  });
});

describe('revocation and last use', () => {
  test('the console shows the last use; a revoked token is refused at once, and the revocation is audited', async () => {
    const { id, page } = await tokenId(jars.provider, '/console/api-tokens', 'CSPM');
    assert.ok(page.body.includes('127.0.0.1'), 'the last address is shown');
    const res = await jarRequest(srv.baseURL, jars.provider, `/console/api-tokens/${id}/revoke`, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body) }) });
    assert.equal(res.status, 303);
    const r = await api('GET', '/cases', { token: tokens.provider });
    assert.equal(r.status, 401);
    const audit = await jarRequest(srv.baseURL, jars.provider, '/console/audit');
    assert.match(audit.body, /API トークンを失効|API token revoked/, 'audited');
    const { stdout } = await promisify(execFile)('sqlite3', ['-readonly', path.join(srv.dataDir, 'madoguchi.db'),
      "SELECT COUNT(*) FROM audit_events WHERE event LIKE 'case.%' AND user_agent LIKE 'API token #%CSPM'"]);
    assert.ok(Number(stdout.trim()) > 0, 'writes through a token are audited with the token');
    const { id: aobaId, page: aobaPage } = await tokenId(jars.aoba, '/api-tokens', 'Aoba tool');
    const other = await jarRequest(srv.baseURL, jars.kamome, `/api-tokens/${aobaId}/revoke`, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf((await jarRequest(srv.baseURL, jars.kamome, '/api-tokens')).body) }) });
    assert.equal(other.status, 404, 'another company\'s token cannot be revoked');
    assert.ok(aobaPage.body.includes('Aoba tool'));
    assert.equal((await api('GET', '/cases', { token: tokens.aoba })).status, 200);
  });
});
