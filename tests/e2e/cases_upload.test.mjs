// Attachments (SPEC §4, §9): a 1 GiB file streamed through the inquiry form
// with the server's memory flat (VmRSS sampled every 100 ms), downloaded
// back identical (SHA-256); a Japanese file name survives the download
// (Content-Disposition filename*=UTF-8''…) with nosniff; a file over the
// 2 GiB limit, or an 11th file, is refused by the files field with the rest
// of the form kept, and nothing is kept; the browser shows an
// upload progress bar.
//
// Large files are made in a temp dir and streamed (never held in memory).
// Under the sanitizer build (MADOGUCHI_BIN …build-san…) the big upload is
// scaled down to CASES_UPLOAD_MIB (default 256 MiB there, 1024 elsewhere):
// the test runner gives each file 120 s in all.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { csrfOf, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, BIN, startServer } from './lib/server.mjs';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const SANITIZER = /build-san/.test(BIN);
const BIG = (Number(process.env.CASES_UPLOAD_MIB) || (SANITIZER ? 256 : 1024)) * MiB;
const FILE_MAX = 2 * GiB; // UPLOAD_FILE_MAX, src/http/upload.h
const FILES_MAX = 10; // UPLOAD_FILES_MAX
const RSS_GROWTH_MAX = 64 * MiB;

let srv;
let base;
let jar;
let tmp;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = srv.baseURL;
  jar = await signedInJar(base, ACCOUNTS.aobaUser.id);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-upload-'));
});
after(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await browser?.close();
  await srv?.stop();
});

// ---------------------------------------------------------------- helpers

/**
 * Makes a sparse file of size bytes: each 1 MiB block starts with 64 KiB of
 * random bytes, the rest is a hole (zeros). Streams; returns the SHA-256 (hex).
 */
function makeSparseFile(file, size) {
  const hash = crypto.createHash('sha256');
  const hole = Buffer.alloc(MiB);
  const fd = fs.openSync(file, 'w');
  try {
    fs.ftruncateSync(fd, size);
    for (let at = 0; at < size; at += MiB) {
      const block = Math.min(MiB, size - at);
      const random = crypto.randomBytes(Math.min(64 * 1024, block));
      fs.writeSync(fd, random, 0, random.length, at);
      hash.update(random);
      hash.update(hole.subarray(0, block - random.length));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** A stream of n zero bytes, from one shared buffer. */
function zeros(n) {
  const z = Buffer.alloc(MiB);
  return Readable.from(
    (function* gen() {
      for (let left = n; left > 0; left -= z.length) yield left >= z.length ? z : z.subarray(0, left);
    })(),
    { objectMode: false },
  );
}

/** The resident memory of the server, in bytes. */
function rss() {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${srv.pid}/status`, 'utf8'));
  return Number(m[1]) * 1024;
}

/**
 * Samples the server's VmRSS every 100 ms until stop(). window(t0, t1) gives
 * {base, max, growth, samples, maxGapMs} for the samples taken between t0 and t1
 * (base: the last sample before t0).
 */
function sampleRSS() {
  const samples = [[Date.now(), rss()]];
  const timer = setInterval(() => samples.push([Date.now(), rss()]), 100);
  const window = (t0 = 0, t1 = Infinity) => {
    const inside = samples.filter(([t]) => t >= t0 && t <= t1);
    const base = [...samples].reverse().find(([t]) => t < t0)?.[1] ?? samples[0][1];
    const max = Math.max(base, ...inside.map(([, v]) => v));
    let maxGapMs = 0;
    for (let i = 1; i < inside.length; i++) maxGapMs = Math.max(maxGapMs, inside[i][0] - inside[i - 1][0]);
    return { base, max, growth: max - base, samples: inside.length, maxGapMs };
  };
  return {
    window,
    stop() {
      clearInterval(timer);
      samples.push([Date.now(), rss()]);
      return window();
    },
  };
}

const mib = (n) => `${(n / MiB).toFixed(1)} MiB`;

/**
 * A multipart body around one file: {head, tail, type} where the file's
 * bytes go between head and tail. fields: [name, value] pairs, csrf first.
 */
function multipartAround(fields, { field = 'files', name, type = 'application/octet-stream' }) {
  const boundary = `----madoguchi-upload-${crypto.randomBytes(8).toString('hex')}`;
  let head = '';
  for (const [k, v] of fields) head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    head: Buffer.from(head),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * POSTs head + the bytes of source + tail with node:http, streaming, with
 * the jar's cookies. contentLength: what to declare (default: the real
 * length, which needs size). Resolves with {status, headers, body} as soon
 * as the server answers, even before everything was sent.
 */
function streamPost(urlPath, { head, tail, type }, source, size, { contentLength, headers = {} } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: urlPath,
        agent: false,
        headers: {
          Cookie: jar.header(),
          'Content-Type': type,
          'Content-Length': String(contentLength ?? head.length + size + tail.length),
          ...headers,
        },
      },
      (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          source?.destroy();
          req.destroy();
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(new Error(`POST ${urlPath}: ${e.code || e.message} before an answer`));
    });
    req.setTimeout(300_000, () => req.destroy(new Error('timeout')));
    req.write(head);
    if (!source) return; // only the head: the server must answer from the headers
    source.on('error', (e) => req.destroy(e));
    source.pipe(req, { end: false });
    source.on('end', () => req.end(tail));
  });
}

/** GETs urlPath and hashes the body as it streams in: {status, headers, size, sha256}. */
function streamGet(urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${urlPath}`, { headers: { Cookie: jar.header() }, agent: false }, (res) => {
      const hash = crypto.createHash('sha256');
      let size = 0;
      res.on('data', (c) => {
        hash.update(c);
        size += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, size, sha256: hash.digest('hex') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The fields of an inquiry with a fresh CSRF token (the first service of the customer). */
async function inquiryFields(subject) {
  const page = await jarRequest(base, jar, '/inquiry');
  assert.equal(page.status, 200);
  const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
  return [
    ['csrf', csrfOf(page.body)],
    ['service', service],
    ['category', 'other'],
    ['subject', subject],
    ['description', `${subject}: attachment test`],
  ];
}

/** The attachment links of a case page: [{href, name}]. */
async function attachmentsOf(caseUrl) {
  const res = await jarRequest(base, jar, caseUrl);
  assert.equal(res.status, 200, caseUrl);
  const list = /<ul class="attachments">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({
    href: m[1],
    name: m[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  }));
}

/** The file name a Content-Disposition header gives (filename* first, RFC 6266/8187). */
function dispositionName(cd) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd || '');
  if (star) return decodeURIComponent(star[1]);
  return /filename="([^"]*)"/.exec(cd || '')?.[1] ?? null;
}

/** The objects of the file store (data/files/ab/cd/<sha256>) and what waits in its tmp folder. */
function store() {
  const root = path.join(srv.dataDir, 'files');
  const objects = [];
  const pending = fs.existsSync(path.join(root, 'tmp')) ? fs.readdirSync(path.join(root, 'tmp')) : [];
  if (fs.existsSync(root)) {
    for (const a of fs.readdirSync(root)) {
      if (a === 'tmp' || !/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of fs.readdirSync(path.join(root, a))) {
        for (const f of fs.readdirSync(path.join(root, a, b))) objects.push(`${a}/${b}/${f}`);
      }
    }
  }
  return { objects: objects.sort(), pending };
}

/** POSTs fields and n small text files (field "files") in one multipart body. */
function postManyFiles(url, fields, n) {
  const boundary = `----madoguchi-upload-${crypto.randomBytes(8).toString('hex')}`;
  let body = '';
  for (const [k, v] of fields) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  for (let i = 0; i < n; i++) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="f${i}.txt"\r\n`;
    body += `Content-Type: text/plain\r\n\r\nfile ${i}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return jarRequest(base, jar, url, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.from(body),
  });
}

/**
 * The inquiry form came back with the subject the user typed and the
 * message by the files input (described by it, marked invalid).
 */
function assertRefusedByField(html, subject, message) {
  assert.match(html, new RegExp(`id="subject" name="subject"[^>]* value="${subject}"`), 'the subject was lost');
  const input = /<input id="files"[^>]*>/.exec(html)?.[0] ?? '';
  assert.match(input, /aria-invalid="true"/, input);
  assert.match(input, /aria-describedby="files-error"/, input);
  const error = /<p class="field-error" id="files-error">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
  assert.match(error, message);
}

/** Posts an inquiry with one small in-memory file; returns the case URL. */
async function smallInquiry(subject, file) {
  const mp = multipartAround(await inquiryFields(subject), file);
  const res = await streamPost('/inquiry', mp, Readable.from([file.data]), file.data.length);
  assert.equal(res.status, 303, `POST /inquiry answered ${res.status}`);
  assert.match(res.headers.location, /^\/cases\/CS\d{7}$/);
  return res.headers.location;
}

// ---------------------------------------------------------------- tests

describe('big uploads (the big one and a refused 2 GiB + 1 byte one run side by side)', () => {
  // Both at once: each file of the test runner has 120 s in all, and the
  // server's memory must stay flat with two big uploads in flight as with one.
  let sampler;
  let bigUpload; // {res, t0, t1}
  let overUpload;
  let sha256;
  let storeBefore;
  let numberBefore;
  before(async () => {
    // Warm up: the first upload loads what every upload needs (libmagic, thread arenas).
    const warm = await smallInquiry('warm-up', { name: 'warm-up.bin', data: crypto.randomBytes(4 * MiB) });
    numberBefore = Number(warm.slice(-7));
    storeBefore = store();
    const file = path.join(tmp, 'big.bin');
    sha256 = makeSparseFile(file, BIG);
    assert.equal(fs.statSync(file).size, BIG);
    const bigForm = multipartAround(await inquiryFields('big upload'), { name: 'big.bin' });
    const overForm = multipartAround(await inquiryFields('over the limit'), { name: 'over.bin' });
    sampler = sampleRSS();
    const timed = async (p) => {
      const t0 = Date.now();
      const res = await p;
      return { res, t0, t1: Date.now() };
    };
    bigUpload = timed(streamPost('/inquiry', bigForm, fs.createReadStream(file, { highWaterMark: MiB }), BIG));
    overUpload = timed(streamPost('/inquiry', overForm, zeros(FILE_MAX + 1), FILE_MAX + 1));
    // Settled here so that neither rejection goes unhandled while the other is awaited.
    bigUpload.catch(() => {});
    overUpload.catch(() => {});
  });
  after(() => {
    sampler?.stop();
  });

  test(`${mib(BIG)} through the inquiry form: memory stays flat, the download is identical`, async (t) => {
    const { res, t0, t1 } = await bigUpload;
    const up = sampler.window(t0, t1);
    const ms = t1 - t0;
    t.diagnostic(
      `upload of ${mib(BIG)}: ${res.status} in ${ms} ms (${(BIG / MiB / (ms / 1000)).toFixed(0)} MiB/s); ` +
        `server VmRSS ${mib(up.base)} → max ${mib(up.max)} (growth ${mib(up.growth)}, ${up.samples} samples, max gap ${up.maxGapMs} ms)`,
    );
    assert.equal(res.status, 303, `the upload answered ${res.status}`);
    assert.match(res.headers.location, /^\/cases\/CS\d{7}$/);
    assert.ok(up.growth < RSS_GROWTH_MAX, `the server's memory grew by ${mib(up.growth)} during the upload`);

    const [att] = await attachmentsOf(res.headers.location);
    assert.equal(att?.name, 'big.bin');
    assert.match(await (await jarRequest(base, jar, res.headers.location)).body, new RegExp(`\\(${BIG / 1024}\\.0 KB\\)`));
    // SHA-256 kept: the store holds the file under its hash.
    const object = path.join(srv.dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    assert.ok(fs.existsSync(object), 'stored under its SHA-256');
    assert.equal(fs.statSync(object).size, BIG);

    const t2 = Date.now();
    const got = await streamGet(att.href);
    const t3 = Date.now();
    const down = sampler.window(t2, t3);
    t.diagnostic(
      `download: ${got.status} in ${t3 - t2} ms; server VmRSS ${mib(down.base)} → max ${mib(down.max)} (growth ${mib(down.growth)})`,
    );
    assert.equal(got.status, 200);
    assert.equal(Number(got.headers['content-length']), BIG);
    assert.equal(got.size, BIG);
    assert.equal(got.sha256, sha256, 'the downloaded bytes differ from those sent');
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    assert.match(got.headers['content-disposition'], /^attachment;/);
    assert.ok(down.growth < RSS_GROWTH_MAX, `the server's memory grew by ${mib(down.growth)} during the download`);
    fs.rmSync(path.join(tmp, 'big.bin'), { force: true });
  });

  test('one file part of 2 GiB + 1 byte is refused by the field with the form kept, nothing is kept, memory stays flat', async (t) => {
    const { res, t0, t1 } = await overUpload;
    const r = sampler.window(t0, t1);
    t.diagnostic(
      `2 GiB + 1 byte: ${res.status} after ${t1 - t0} ms; server VmRSS ${mib(r.base)} → max ${mib(r.max)} (growth ${mib(r.growth)})`,
    );
    assert.equal(res.status, 422, `a file of 2 GiB + 1 byte answered ${res.status}`);
    assertRefusedByField(res.body, 'over the limit', /over\.bin は 2 GB を超えるため/);
    assert.ok(r.growth < RSS_GROWTH_MAX, `the server's memory grew by ${mib(r.growth)}`);
    await bigUpload;
    // Nothing kept: the big file is the only new object, no temp file waits, no case was made.
    // (The temp file goes when the request ends, just after the answer: give it a moment.)
    let after = store();
    for (let i = 0; i < 50 && after.pending.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = store();
    }
    assert.deepEqual(after.pending, [], 'files/tmp is empty after the refusal');
    assert.deepEqual(
      after.objects.filter((o) => !storeBefore.objects.includes(o)),
      [`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`],
      'only the accepted big file was stored',
    );
    const next = await smallInquiry('after the refused one', { name: 'b.txt', data: Buffer.from('b') });
    assert.equal(Number(next.slice(-7)), numberBefore + 2, 'the refused inquiry made no case (the big one made one)');
  });

  test(`more than ${FILES_MAX} files are refused by the field with the form kept, and nothing is kept`, async () => {
    const before = store();
    const res = await postManyFiles('/inquiry', await inquiryFields('too many files'), FILES_MAX + 1);
    assert.equal(res.status, 422);
    assertRefusedByField(res.body, 'too many files', /一度に送れるファイルは 10 個までです/);
    let after = store();
    for (let i = 0; i < 50 && after.pending.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = store();
    }
    assert.deepEqual(after, before, 'files of the refused request were stored');
  });

  test(`a comment with more than ${FILES_MAX} files comes back with its text and the message, and adds nothing`, async () => {
    const caseUrl = await smallInquiry('comment with too many files', { name: 'a.txt', data: Buffer.from('a') });
    const page = await jarRequest(base, jar, caseUrl);
    const text = 'この説明は消えてはいけません';
    const res = await postManyFiles(`${caseUrl}/comments`, [['csrf', csrfOf(page.body)], ['body', text]], FILES_MAX + 1);
    assert.equal(res.status, 422);
    assert.match(res.body, new RegExp(`<textarea[^>]*name="body"[^>]*>${text}</textarea>`), 'the comment text was lost');
    assert.match(res.body, /id="files-error">一度に送れるファイルは 10 個までです/);
    const again = await jarRequest(base, jar, caseUrl);
    assert.ok(!again.body.includes(text), 'the refused comment was added');
  });

  test('a request declaring more than the most a form may carry is refused 413 before its body', async () => {
    const mp = multipartAround(await inquiryFields('too big to read'), { name: 'huge.bin' });
    const declared = FILES_MAX * FILE_MAX + 1024 * 1024 + 1; // UPLOAD_BODY_MAX + 1, src/http/upload.h
    const before = store();
    const t0 = Date.now();
    const res = await streamPost('/inquiry', mp, null, 0, { contentLength: declared });
    assert.equal(res.status, 413);
    assert.ok(Date.now() - t0 < 5000, 'answered at once');
    // Uploads refused by earlier tests may still be leaving files/tmp: only new files count.
    const after = store();
    assert.deepEqual(after.objects, before.objects, 'nothing stored');
    assert.deepEqual(after.pending.filter((p) => !before.pending.includes(p)), [], 'nothing kept in files/tmp');
  });
});

describe('cut-short bodies', () => {
  test('a multipart body without its closing boundary is refused 400 and nothing is kept', async () => {
    const subject = 'cut short';
    const mp = multipartAround(await inquiryFields(subject), { name: 'partial.txt' });
    const before = store();
    const data = Buffer.from('the first half of a file, then the connection ends');
    // The declared length matches what is sent: the server sees a whole body whose last part never ends.
    const res = await streamPost('/inquiry', { ...mp, tail: Buffer.alloc(0) }, Readable.from([data]), data.length);
    assert.equal(res.status, 400);
    let after = store();
    for (let i = 0; i < 50 && after.pending.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = store();
    }
    assert.deepEqual(after, before, 'a partial file was stored');
    const list = await jarRequest(base, jar, '/cases');
    assert.ok(!list.body.includes(subject), 'the cut-short inquiry made a case');
  });
});

describe('file names and download headers', () => {
  test('a name of 90 Japanese characters is kept, shortened on a character boundary with its extension', async () => {
    const name = `${'あ'.repeat(90)}.pdf`; // 274 bytes: over the 255 a name keeps
    const caseUrl = await smallInquiry('長いファイル名', { name, data: Buffer.from('x') });
    const [att] = await attachmentsOf(caseUrl);
    assert.equal(att.name, `${'あ'.repeat(83)}.pdf`);
    const res = await jarRequest(base, jar, att.href);
    assert.equal(dispositionName(res.headers['content-disposition']), att.name);
  });

  test('bidirectional and control characters are taken out of a file name, in the page and the header', async () => {
    const caseUrl = await smallInquiry('RLO のファイル名', { name: 'invoice\u202Egpj.exe\u2066', data: Buffer.from('MZ') });
    const [att] = await attachmentsOf(caseUrl);
    assert.equal(att.name, 'invoicegpj.exe');
    const res = await jarRequest(base, jar, att.href);
    const cd = res.headers['content-disposition'];
    assert.equal(dispositionName(cd), 'invoicegpj.exe');
    assert.ok(!/%E2%80%AE|\u202E/i.test(cd), cd);
  });

  test('a Japanese file name comes back in Content-Disposition (filename*=UTF-8), with nosniff', async () => {
    const name = '月次レポート 2026年10月（確定版）.pdf';
    const data = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const caseUrl = await smallInquiry('日本語のファイル名', { name, type: 'application/pdf', data });
    const [att] = await attachmentsOf(caseUrl);
    assert.equal(att.name, name, 'the case page lists the name');
    const res = await jarRequest(base, jar, att.href);
    assert.equal(res.status, 200);
    const cd = res.headers['content-disposition'];
    assert.match(cd, /^attachment;/, 'never shown inline');
    assert.match(cd, /filename\*=UTF-8''/);
    assert.equal(dispositionName(cd), name);
    // The ASCII fallback is plain ASCII, without quotes or backslashes inside.
    const fallback = /filename="([^"]*)"/.exec(cd)?.[1];
    assert.ok(fallback !== undefined && /^[\x20-\x7e]*$/.test(fallback), `fallback ${fallback}`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-type'], 'application/pdf', 'the type comes from the content');
    assert.equal(res.bodyBytes, data.length);
  });

  test('an HTML file is downloaded as an attachment, not rendered (attachment + nosniff + CSP)', async () => {
    const data = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>\n');
    const caseUrl = await smallInquiry('html attachment', { name: 'page.html', type: 'text/html', data });
    const [att] = await attachmentsOf(caseUrl);
    const res = await jarRequest(base, jar, att.href);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-disposition'], /^attachment;/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-security-policy'] || '', /default-src 'none'/);
  });

  test('the browser saves a Japanese-named attachment under its name', async () => {
    const name = '障害報告書_サーバー①.txt';
    const data = Buffer.from('障害の概要\n');
    const caseUrl = await smallInquiry('ブラウザでダウンロード', { name, type: 'text/plain', data });
    const context = await newContext(browser, base, { acceptDownloads: true });
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto(caseUrl);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('main ul.attachments a', { hasText: name }).click(),
      ]);
      assert.equal(download.suggestedFilename(), name);
      assert.ok(fs.readFileSync(await download.path()).equals(data));
    } finally {
      await context.close();
    }
  });
});

describe('in the browser', () => {
  test('the progress bar shows and reaches 100 % while a ~50 MB file uploads', async () => {
    const file = path.join(tmp, 'progress.bin');
    const size = 50 * MiB;
    makeSparseFile(file, size);
    const context = await newContext(browser, base);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const seen = [];
      page.on('console', (m) => {
        if (m.text().startsWith('progress ')) seen.push(JSON.parse(m.text().slice(9)));
      });
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto('/inquiry');
      const bar = page.locator('form[action="/inquiry"] progress.upload-progress');
      assert.equal(await bar.count(), 1);
      assert.equal(await bar.isVisible(), false, 'hidden before the upload');
      await page.locator('#subject').fill('progress bar');
      await page.locator('#description').fill('a 50 MB file');
      await page.locator('#files').setInputFiles(file);
      // Every change of the bar, as the page sees it (the page is replaced when the upload ends).
      await page.evaluate(() => {
        const p = document.querySelector('progress.upload-progress');
        new MutationObserver(() => {
          console.log(`progress ${JSON.stringify({ hidden: p.hidden, value: p.value, max: p.max })}`);
        }).observe(p, { attributes: true });
      });
      // Slow the upload down (DevTools throttling) so that it can be watched.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 25 * MiB,
      });
      await page.locator('form[action="/inquiry"] button[type="submit"]').click();
      await bar.waitFor({ state: 'visible', timeout: 10_000 });
      const during = await bar.evaluate((p) => p.value);
      await page.waitForURL(/\/cases\/CS\d{7}$/, { timeout: 60_000 });
      await page.waitForLoadState('load');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

      assert.ok(seen.some((s) => !s.hidden), `the bar became visible: ${JSON.stringify(seen.slice(0, 5))}`);
      const values = seen.map((s) => s.value);
      assert.equal(Math.max(...values), 100, `the bar reached 100: ${values.join(',')}`);
      assert.ok(during >= 0 && during <= 100);
      assert.ok(
        values.some((v) => v > 0 && v < 100),
        `the bar moved through intermediate values: ${values.join(',')}`,
      );
      // The case page lists the file with its size.
      const link = page.locator('main ul.attachments li', { hasText: 'progress.bin' });
      assert.equal(await link.count(), 1);
      assert.match(await link.textContent(), /51200\.0 KB/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      fs.rmSync(file, { force: true });
    }
  });
});
