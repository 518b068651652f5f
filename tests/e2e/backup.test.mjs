// `madoguchi backup`, `restore` and `check` (SPEC: operations) on the real
// binary: a backup taken while customers keep raising cases through the
// inquiry form holds every case acknowledged before it started; the backup
// restored into a new data directory serves those cases to a customer who
// signs in, and an attachment downloads with the same bytes; a byte flipped
// in a backup's attachment makes restore refuse and name the file (writing
// nothing), a byte flipped in a live data directory makes check fail and
// name it, and restore refuses a data directory that is not empty.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { csrfOf, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, BIN, startServer } from './lib/server.mjs';

let srv;
let restored;
let jar;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-backup-e2e-'));
const backupDir = path.join(scratch, 'backup');
const restoredDir = path.join(scratch, 'restored');
const attachment = Buffer.concat([Buffer.from('バックアップ試験\n', 'utf8'), crypto.randomBytes(5000)]);
let attachmentCase;
const acknowledged = []; // case numbers answered 303 before the backup started

before(async () => {
  srv = await startServer();
  jar = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
});
after(async () => {
  await srv?.stop();
  await restored?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs `madoguchi ARGS…` without MADOGUCHI_* settings: {code, stdout, stderr}. */
async function madoguchi(...args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MADOGUCHI_')));
  try {
    const { stdout, stderr } = await promisify(execFile)(BIN, args, { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A multipart body of text fields and at most one file (field "files"). */
function multipart(fields, file) {
  const boundary = `----madoguchi-backup-${crypto.randomBytes(8).toString('hex')}`;
  const parts = fields.map(
    ([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
        'utf8',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** Raises a case through お問い合わせ; its number (the answer must be 303). */
async function inquiry(subject, file) {
  const page = await jarRequest(srv.baseURL, jar, '/inquiry');
  assert.equal(page.status, 200, 'GET /inquiry');
  const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
  const { body, type } = multipart(
    [
      ['csrf', csrfOf(page.body)],
      ['service', service],
      ['category', 'other'],
      ['subject', subject],
      ['description', `${subject} の説明`],
    ],
    file,
  );
  const res = await jarRequest(srv.baseURL, jar, '/inquiry', { method: 'POST', headers: { 'Content-Type': type }, body });
  assert.equal(res.status, 303, `POST /inquiry: ${res.status}`);
  return /\/cases\/(CS\d{7})$/.exec(res.headers.location)[1];
}

/** The attachment links of a case page: [href]. */
async function attachmentsOf(base, j, number) {
  const res = await jarRequest(base, j, `/cases/${number}`);
  assert.equal(res.status, 200, `/cases/${number}`);
  const list = /<ul class="attachments">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/** The store's path of bytes: files/ab/cd/<sha256>. */
function storePath(data) {
  const sha = crypto.createHash('sha256').update(data).digest('hex');
  return `files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
}

function flipByte(file) {
  const buf = fs.readFileSync(file);
  buf[10] ^= 0xff;
  fs.writeFileSync(file, buf);
}

describe('backup, restore and check', () => {
  test('a backup under write load holds every case acknowledged before it began', async () => {
    attachmentCase = await inquiry('添付付きの問い合わせ', { name: 'ログ.bin', data: attachment });
    let stop = false;
    let started = false;
    const writer = async (w) => {
      for (let i = 0; !stop; i++) {
        const number = await inquiry(`負荷 ${w}-${i}`);
        if (!started) acknowledged.push(number);
      }
    };
    const writers = [writer(1), writer(2)];
    while (acknowledged.length < 6) await new Promise((r) => setTimeout(r, 20));
    started = true; // from here on an answer may come after the copy began
    const before = acknowledged.length;
    const r = await madoguchi('backup', '--data-dir', srv.dataDir, backupDir);
    stop = true;
    await Promise.all(writers);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(acknowledged.length, before);
    const manifest = fs.readFileSync(path.join(backupDir, 'manifest.txt'), 'utf8');
    assert.match(manifest, /^madoguchi-backup 1\nschema \d+\n/);
    assert.match(manifest, /^file [0-9a-f]{64} \d+ madoguchi\.db$/m);
    assert.match(manifest, /^file [0-9a-f]{64} 32 secret\.key$/m);
    assert.ok(manifest.includes(` ${attachment.length} ${storePath(attachment)}\n`), manifest);
    assert.match(manifest, /\nend \d+\n$/);
    assert.ok(!fs.existsSync(path.join(backupDir, 'manifest.txt.tmp')));

    const again = await madoguchi('backup', '--data-dir', srv.dataDir, backupDir);
    assert.equal(again.code, 1, 'a backup into a folder that is not empty is refused');

    const rr = await madoguchi('restore', '--data-dir', restoredDir, backupDir);
    assert.equal(rr.code, 0, rr.stderr);
    restored = await startServer({ dataDir: restoredDir });
    const j = await signedInJar(restored.baseURL, ACCOUNTS.aobaUser.id);
    for (const number of [...acknowledged, attachmentCase]) {
      const page = await jarRequest(restored.baseURL, j, `/cases/${number}`);
      assert.equal(page.status, 200, `${number} after the restore`);
    }
  });

  test('after a restore a customer signs in, sees the cases and downloads an attachment with the same bytes', async () => {
    assert.ok(restored, 'needs the restore of the first test');
    const old = await jarRequest(restored.baseURL, jar, '/cases');
    assert.notEqual(old.status, 200, 'sessions of the backed-up portal are not kept');
    const j = await signedInJar(restored.baseURL, ACCOUNTS.aobaUser.id);
    const list = await jarRequest(restored.baseURL, j, '/cases');
    assert.equal(list.status, 200, 'the case list');
    const page = await jarRequest(restored.baseURL, j, `/cases/${attachmentCase}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('添付付きの問い合わせ'), 'the restored case page shows its subject');
    const [href] = await attachmentsOf(restored.baseURL, j, attachmentCase);
    assert.ok(href, 'the restored case has its attachment');
    const got = await jarRequest(restored.baseURL, j, href);
    assert.equal(got.status, 200);
    assert.ok(got.bytes.equals(attachment), 'the downloaded bytes are those uploaded');
    const check = await madoguchi('check', '--data-dir', restoredDir);
    assert.equal(check.code, 0, check.stderr);
  });

  test('a damaged attachment is named: restore refuses the backup, check fails on a live data directory', async () => {
    const rel = storePath(attachment);
    const damaged = path.join(scratch, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    flipByte(path.join(damaged, rel));
    const target = path.join(scratch, 'never');
    const r = await madoguchi('restore', '--data-dir', target, damaged);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(rel), r.stderr);
    assert.ok(!fs.existsSync(target), 'nothing is written from a damaged backup');

    const half = path.join(scratch, 'half');
    fs.cpSync(backupDir, half, { recursive: true });
    fs.rmSync(path.join(half, 'manifest.txt'));
    const h = await madoguchi('restore', '--data-dir', target, half);
    assert.equal(h.code, 1, 'a backup without its manifest is refused');
    assert.ok(h.stderr.includes('manifest.txt'), h.stderr);

    const full = await madoguchi('restore', '--data-dir', restoredDir, backupDir);
    assert.equal(full.code, 1, 'restore into a data directory that is not empty is refused');
    assert.ok(full.stderr.includes(restoredDir), full.stderr);
    const occupied = path.join(scratch, 'occupied');
    fs.mkdirSync(occupied);
    fs.writeFileSync(path.join(occupied, 'note.txt'), 'x');
    const o = await madoguchi('restore', '--data-dir', occupied, backupDir);
    assert.equal(o.code, 1);
    assert.ok(o.stderr.includes(occupied), o.stderr);
    assert.deepEqual(fs.readdirSync(occupied), ['note.txt']);

    assert.equal((await madoguchi('check', '--data-dir', srv.dataDir)).code, 0, 'the live data directory is intact');
    flipByte(path.join(srv.dataDir, rel));
    const c = await madoguchi('check', '--data-dir', srv.dataDir);
    assert.equal(c.code, 1);
    assert.ok(c.stderr.includes(rel), c.stderr);
    fs.rmSync(path.join(srv.dataDir, rel));
    const m = await madoguchi('check', '--data-dir', srv.dataDir);
    assert.equal(m.code, 1, 'a missing attachment is a problem too');
    assert.ok(m.stderr.includes(rel), m.stderr);
  });
});
