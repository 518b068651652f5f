// Attachments over the integration API: a file posted as the raw body is
// streamed into the store (a ~50 MB one with the server's memory flat), its
// SHA-256 matches node's, the download is byte-identical with the file's
// name in Content-Disposition, and the customer sees it on the case page.
// Refusals: over the configured limit (413, declared or streamed), a
// program (415, and on the portal's form), an empty body or no name (422),
// a missing scope (403), another customer's case or file (404), a closed
// case (409). Every JSON answer is checked against the OpenAPI document
// (ajv).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FORM, csrfOf, form, jarRequest, request, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

const MiB = 1024 * 1024;
const LIMIT = 60 * MiB; // --upload-max below
const BIG = 50 * MiB;
const RSS_GROWTH_MAX = 32 * MiB;

let srv;
let doc;
let ajv;
let tmp;
const tokens = {};
const jars = {};
let number; // a case of あおば商事 (N200000001)

async function issue(jar, base, fields) {
  const page = await jarRequest(srv.baseURL, jar, base);
  const res = await jarRequest(srv.baseURL, jar, base, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), expires: '90', ...fields }) });
  assert.equal(res.status, 200, `POST ${base}: ${res.body.slice(0, 200)}`);
  return /<code id="api-token-secret">([^<]+)<\/code>/.exec(res.body)[1];
}

const validators = new Map();
/** Checks a JSON answer against the document's schema for the operation and status. */
function check(method, template, res) {
  const op = doc.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is documented`);
  let resp = op.responses[String(res.status)];
  if (resp?.$ref) resp = doc.components.responses[resp.$ref.split('/').pop()];
  assert.ok(resp, `${method} ${template} documents ${res.status}`);
  const type = (res.headers['content-type'] || '').split(';')[0];
  if (!/json$/.test(type)) {
    assert.ok(resp.content?.[type] || resp.content?.['*/*'], `${method} ${template} ${res.status} documents ${type}`);
    return null;
  }
  const content = resp.content?.[type];
  assert.ok(content, `${method} ${template} ${res.status} documents ${type}`);
  const key = `${method} ${template} ${res.status}`;
  if (!validators.has(key)) validators.set(key, ajv.compile({ ...content.schema, components: doc.components }));
  const json = JSON.parse(res.body);
  const validate = validators.get(key);
  assert.ok(validate(json), `${key}: ${JSON.stringify(validate.errors)} in ${res.body.slice(0, 300)}`);
  return json;
}

/** A JSON API call, checked against the document. */
async function api(method, urlPath, template, { token, body } = {}) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await request(srv.baseURL, `/api/v1${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { ...res, json: check(method, template, res) };
}

/**
 * POSTs source (a Buffer, a stream, or null for the headers alone) as the
 * attachment of case num. contentLength: null sends it chunked. Resolves
 * with the answer as soon as the server gives it.
 */
function upload(num, source, { token = tokens.provider, name, query = '', contentLength, headers = {} } = {}) {
  const u = new URL(srv.baseURL);
  const h = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', ...headers };
  if (name !== undefined) h['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
  const length = contentLength !== undefined ? contentLength : Buffer.isBuffer(source) ? source.length : undefined;
  if (length !== null && length !== undefined) h['Content-Length'] = String(length);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: `/api/v1/cases/${num}/attachments${query}`, headers: h, agent: false }, (res) => {
      answered = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (source && !Buffer.isBuffer(source)) source.destroy();
        req.destroy();
        const r = { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
        resolve({ ...r, json: check('POST', '/cases/{number}/attachments', r) });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      if (!answered) reject(new Error(`upload: ${e.code || e.message} before an answer`));
    });
    if (source === null) return req.flushHeaders(); // the server must answer from the headers
    if (Buffer.isBuffer(source)) return req.end(source);
    source.on('error', (e) => req.destroy(e));
    source.pipe(req);
  });
}

/** GETs a download and hashes it as it streams in: {status, headers, size, sha256, body}. */
function download(urlPath, token) {
  return new Promise((resolve, reject) => {
    const headers = token ? { Authorization: `Bearer ${token}` } : { Cookie: jars.customer.header() };
    http.get(`${srv.baseURL}${urlPath}`, { headers, agent: false }, (res) => {
      const hash = crypto.createHash('sha256');
      const small = [];
      let size = 0;
      res.on('data', (c) => {
        hash.update(c);
        size += c.length;
        if (size < 64 * 1024) small.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, size, sha256: hash.digest('hex'), body: Buffer.concat(small).toString('utf8') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function rss() {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${srv.pid}/status`, 'utf8'))[1]) * 1024;
}

/** A file of size bytes, random in its first 64 KiB of every MiB; returns its SHA-256. */
function makeFile(file, size) {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'w');
  const hole = Buffer.alloc(MiB - 64 * 1024);
  for (let at = 0; at < size; at += MiB) {
    const block = Buffer.concat([crypto.randomBytes(64 * 1024), hole]).subarray(0, Math.min(MiB, size - at));
    fs.writeSync(fd, block);
    hash.update(block);
  }
  fs.closeSync(fd);
  return hash.digest('hex');
}

function zeros(n) {
  const z = Buffer.alloc(MiB);
  return Readable.from(
    (function* gen() {
      for (let left = n; left > 0; left -= z.length) yield left >= z.length ? z : z.subarray(0, left);
    })(),
  );
}

/** Files and temporary uploads in the store. */
function storeCount() {
  const root = path.join(srv.dataDir, 'files');
  let n = 0;
  for (const a of fs.readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) n += fs.readdirSync(path.join(root, a, b)).length;
  }
  return { stored: n, pending: fs.readdirSync(path.join(root, 'tmp')).length };
}

before(async () => {
  srv = await startServer({ args: ['--upload-max', '60M'] });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-api-files-'));
  doc = JSON.parse((await request(srv.baseURL, '/api/v1/openapi.json')).body);
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  jars.provider = await signedInJar(srv.baseURL, ACCOUNTS.providerAdmin.id);
  jars.aoba = await signedInJar(srv.baseURL, ACCOUNTS.aobaAdmin.id);
  jars.kamome = await signedInJar(srv.baseURL, ACCOUNTS.kamomeAdmin.id);
  jars.customer = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
  const all = { scope_cases_read: 'on', scope_cases_write: 'on', scope_attachments_write: 'on' };
  tokens.provider = await issue(jars.provider, '/console/api-tokens', { name: 'Files', ...all });
  tokens.noAttach = await issue(jars.provider, '/console/api-tokens', { name: 'No files', scope_cases_read: 'on', scope_cases_write: 'on' });
  tokens.kamomeOnly = await issue(jars.provider, '/console/api-tokens', { name: 'Kamome files', customer: 'N200000002', ...all });
  tokens.aoba = await issue(jars.aoba, '/api-tokens', { name: 'Aoba', ...all });
  tokens.kamome = await issue(jars.kamome, '/api-tokens', { name: 'Kamome', scope_cases_read: 'on' });
  const r = await api('POST', '/cases', '/cases', { token: tokens.provider, body: { customer: 'N200000001', category: 'alarm', subject: 'Files over the API', description: 'x' } });
  assert.equal(r.status, 201);
  number = r.json.number;
});
after(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await srv?.stop();
});

describe('attaching and downloading', () => {
  const text = Buffer.from('監視ログ: 2026-12-07 10:35 blocked 203.0.113.9\n'.repeat(50));
  const name = '月次レポート 12月.txt';
  let small;

  test('a small file with a Japanese name and a comment: 201 with its SHA-256, listed, in the activity', async () => {
    const r = await upload(number, text, { name, query: `?comment=${encodeURIComponent('ログを添付します')}` });
    assert.equal(r.status, 201, r.body);
    small = r.json;
    assert.equal(small.sha256, crypto.createHash('sha256').update(text).digest('hex'));
    assert.equal(small.filename, name);
    assert.equal(small.size, text.length);
    assert.equal(small.mime, 'text/plain');
    assert.equal(r.headers.location, small.download);
    const list = await api('GET', `/cases/${number}/attachments`, '/cases/{number}/attachments', { token: tokens.aoba });
    assert.deepEqual(list.json.items.map((f) => f.id), [small.id]);
    const c = await api('GET', `/cases/${number}`, '/cases/{number}', { token: tokens.aoba });
    assert.ok(c.json.activity.some((a) => a.kind === 'comment' && a.body === 'ログを添付します'));
    assert.ok(c.json.activity.some((a) => a.attachment_id === small.id && a.filename === name));
  });

  test('the download is the same bytes, named in Content-Disposition (filename*), nosniff', async () => {
    const d = await download(`/api/v1/cases/${number}/attachments/${small.id}`, tokens.aoba);
    assert.equal(d.status, 200);
    check('GET', '/cases/{number}/attachments/{id}', d);
    assert.equal(d.sha256, small.sha256);
    assert.match(d.headers['content-disposition'], new RegExp(`^attachment; .*filename\\*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, '\\$&')}`));
    assert.equal(d.headers['x-content-type-options'], 'nosniff');
  });

  test('?filename= names it too; an HTML file is downloaded as bytes, not a page', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const r = await upload(number, html, { query: '?filename=page.html', headers: { 'Content-Type': 'text/html' } });
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.filename, 'page.html');
    const d = await download(r.json.download, tokens.provider);
    assert.equal(d.headers['content-type'], 'application/octet-stream');
    assert.match(d.headers['content-disposition'], /^attachment;/);
  });

  test(`${BIG / MiB} MB streamed: the SHA-256 matches, memory stays flat, the download is identical`, async () => {
    const file = path.join(tmp, 'big.bin');
    const sha = makeFile(file, BIG);
    const before = rss();
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, rss());
    }, 50);
    let r;
    try {
      r = await upload(number, fs.createReadStream(file, { highWaterMark: MiB }), { name: 'capture.pcap', contentLength: BIG });
    } finally {
      clearInterval(timer);
    }
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.sha256, sha);
    assert.equal(r.json.size, BIG);
    assert.ok(peak - before < RSS_GROWTH_MAX, `RSS grew by ${((peak - before) / MiB).toFixed(1)} MiB`);
    const d = await download(r.json.download, tokens.provider);
    assert.equal(d.size, BIG);
    assert.equal(d.sha256, sha);
    fs.rmSync(file);
  });

  test('the same upload with one Idempotency-Key attaches once', async () => {
    const body = Buffer.from('idempotent file\n');
    const headers = { 'Idempotency-Key': 'file-1' };
    const first = await upload(number, body, { name: 'once.txt', headers });
    const again = await upload(number, body, { name: 'once.txt', headers });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json.id, first.json.id);
    const other = await upload(number, Buffer.from('another file\n'), { name: 'once.txt', headers });
    assert.equal(other.status, 422, 'the key reused for other bytes');
    const list = await api('GET', `/cases/${number}/attachments`, '/cases/{number}/attachments', { token: tokens.provider });
    assert.equal(list.json.items.filter((f) => f.filename === 'once.txt').length, 1);
  });

  test('the customer sees the file and its SHA-256 on the case page, and downloads it there', async () => {
    const page = await jarRequest(srv.baseURL, jars.customer, `/cases/${number}`);
    assert.equal(page.status, 200);
    const list = /<ul class="attachments">([\s\S]*?)<\/ul>/.exec(page.body)[1];
    assert.ok(list.includes(name) && list.includes(small.sha256), 'listed with its digest');
    const href = new RegExp(`<a href="([^"]+)">${name}</a>`).exec(list)[1];
    const d = await download(href);
    assert.equal(d.status, 200);
    assert.equal(d.sha256, small.sha256);
  });
});

describe('refusals', () => {
  test('over the configured limit: 413 when declared (answered before the body) and when streamed', async () => {
    const before = storeCount();
    const t0 = Date.now();
    let r = await upload(number, null, { name: 'huge.bin', contentLength: LIMIT + 1 });
    assert.equal(r.status, 413);
    assert.ok(Date.now() - t0 < 5000, 'answered at once');
    r = await upload(number, zeros(LIMIT + MiB), { name: 'huge.bin', contentLength: null });
    assert.equal(r.status, 413);
    assert.equal(r.headers['content-type'], 'application/problem+json');
    assert.deepEqual(storeCount(), before, 'nothing kept');
  });

  test('a program is refused 415; an empty body or no name is 422; nothing is attached', async () => {
    const elf = fs.readFileSync('/bin/true');
    let r = await upload(number, elf, { name: 'invoice.pdf' });
    assert.equal(r.status, 415, r.body);
    assert.match(r.json.detail, /実行ファイル|executable/);
    r = await upload(number, Buffer.alloc(0), { name: 'empty.txt' });
    assert.equal(r.status, 422);
    assert.deepEqual(r.json.errors.map((e) => e.field), ['file']);
    r = await upload(number, Buffer.from('no name'));
    assert.equal(r.status, 422);
    assert.deepEqual(r.json.errors.map((e) => e.field), ['filename']);
    const list = await api('GET', `/cases/${number}/attachments`, '/cases/{number}/attachments', { token: tokens.provider });
    assert.ok(!list.json.items.some((f) => ['invoice.pdf', 'empty.txt'].includes(f.filename)));
  });

  test('the portal refuses a program the same way: the inquiry form names it under the files field', async () => {
    const page = await jarRequest(srv.baseURL, jars.customer, '/inquiry');
    const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
    const boundary = `b${crypto.randomBytes(8).toString('hex')}`;
    const fields = { csrf: csrfOf(page.body), service, category: 'other', subject: 'A program', description: 'x' };
    const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    const body = Buffer.concat([
      Buffer.from(`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="tool.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      fs.readFileSync('/bin/true'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await jarRequest(srv.baseURL, jars.customer, '/inquiry', { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body });
    assert.equal(res.status, 422);
    assert.match(res.body, /id="files-error"[^>]*>[^<]*実行ファイル/);
  });

  test('401 without a token; 403 without attachments:write and for a customer token', async () => {
    let r = await upload(number, Buffer.from('x'), { name: 'x.txt', token: '' });
    assert.equal(r.status, 401);
    r = await upload(number, Buffer.from('x'), { name: 'x.txt', token: tokens.noAttach });
    assert.equal(r.status, 403);
    r = await upload(number, Buffer.from('x'), { name: 'x.txt', token: tokens.aoba });
    assert.equal(r.status, 403, 'a customer admin cannot hand out attachments:write');
    r = await api('GET', `/cases/${number}/attachments`, '/cases/{number}/attachments', { token: tokens.noAttach });
    assert.equal(r.status, 200, 'cases:read lists them');
  });

  test('tenancy: another customer\'s case, its files and internal files answer 404', async () => {
    const note = await upload(number, Buffer.from('work note file\n'), { name: 'note.txt', query: '?internal=true' });
    assert.equal(note.status, 201);
    assert.equal(note.json.internal, true);
    const list = await api('GET', `/cases/${number}/attachments`, '/cases/{number}/attachments', { token: tokens.aoba });
    assert.ok(list.json.items.length > 0 && !list.json.items.some((f) => f.id === note.json.id), 'the customer does not see the work note\'s file');
    let d = await download(note.json.download, tokens.aoba);
    assert.equal(d.status, 404);
    assert.equal(JSON.parse(d.body).status, 404);
    const pub = list.json.items[0];
    d = await download(pub.download, tokens.kamome);
    assert.equal(d.status, 404);
    const r = await api('GET', `/cases/${number}/attachments`, '/cases/{number}/attachments', { token: tokens.kamome });
    assert.equal(r.status, 404);
    const other = await upload(number, null, { name: 'x.txt', token: tokens.kamomeOnly, contentLength: 2 * MiB });
    assert.equal(other.status, 404, 'refused before the body is read');
    d = await download(`/api/v1/cases/${number}/attachments/999999`, tokens.provider);
    assert.equal(d.status, 404);
  });

  test('a closed case takes no file (409); the attachments are audited with the token', async () => {
    const r = await api('POST', '/cases', '/cases', { token: tokens.provider, body: { customer: 'N200000001', category: 'alarm', subject: 'To close', description: 'x' } });
    await api('POST', `/cases/${r.json.number}/state`, '/cases/{number}/state', { token: tokens.provider, body: { state: 'closed' } });
    let up = await upload(r.json.number, Buffer.from('late\n'), { name: 'late.txt' });
    assert.equal(up.status, 409);
    up = await upload(r.json.number, null, { name: 'late.bin', contentLength: 2 * MiB });
    assert.equal(up.status, 409, 'refused before the body is read');
    const { stdout } = await promisify(execFile)('sqlite3', ['-readonly', path.join(srv.dataDir, 'madoguchi.db'),
      "SELECT COUNT(*) FROM audit_events WHERE event = 'case.commented' AND user_agent LIKE 'API token #% Files'"]);
    assert.ok(Number(stdout.trim()) >= 4, `audited: ${stdout}`);
  });
});
