// Replies by e-mail: a case mail carries a signed reply address; a reply
// built like a mail client's (quoted history, signature, attachment) piped
// into `madoguchi mail-in` becomes the contact's comment with its file and
// without the quote, marked as having come by e-mail in both languages.
// Forged and altered addresses, strangers and closed cases are refused
// with one note each; auto-replies are ignored without one; a second
// delivery changes nothing. The IMAP path is tried against a real Dovecot.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { FORM, csrfOf, form, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, BIN, startServer } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

const INBOUND = 'reply@portal.example';
const AOBA = 'user@aoba.example';
const KAMOME = 'user@kamome.example';
const REPLY_TO = /^reply\+(\d+)-(\d+)-([a-z2-7]{16})@portal\.example$/;

let srv;
let mail;
let dovecot;
const sql = (query) =>
  promisify(execFile)('sqlite3', [path.join(srv.dataDir, 'madoguchi.db'), query]).then(({ stdout }) => stdout.trim());

/** `madoguchi mail-in` with the message on stdin: {code, stdout, stderr}. */
function mailIn(message, ...args) {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MADOGUCHI_')));
    const child = spawn(BIN, ['mail-in', '--data-dir', srv.dataDir, '--mail-inbound', INBOUND, '--base-url', srv.baseURL, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      assert.doesNotMatch(stderr, /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(message ?? '');
  });
}

/** A reply as a mail client writes it: text and HTML alternatives, quoted history, signature, a file. */
function clientReply({ from, to, subject, text, quoted, file, messageId, extraHeaders = '' }) {
  const b64 = (s) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');
  const plain = `${text}\r\n\r\n-- \r\n青葉 一郎\r\nあおば商事株式会社\r\n\r\n2026年12月7日(月) 10:00 見晴 太郎 <noreply@localhost>:\r\n${quoted
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\r\n')}\r\n`;
  const html = `<div dir="ltr">${text}</div><br><div class="gmail_quote"><blockquote>${quoted}</blockquote></div>`;
  const parts = [
    'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n' +
      `--alt\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(plain)}\r\n` +
      `--alt\r\nContent-Type: text/html; charset="UTF-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(html)}\r\n--alt--\r\n`,
  ];
  if (file) {
    parts.push(
      `Content-Type: text/plain; charset="UTF-8"; name="=?UTF-8?B?${Buffer.from(file.name).toString('base64')}?="\r\n` +
        `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(file.name)}\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${b64(file.content)}\r\n`,
    );
  }
  return (
    `From: =?UTF-8?B?${Buffer.from('青葉 一郎').toString('base64')}?= <${from}>\r\n` +
    `To: <${to}>\r\nSubject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=\r\n` +
    `Message-ID: <${messageId}>\r\nDate: Mon, 07 Dec 2026 10:05:00 +0900\r\nMIME-Version: 1.0\r\n${extraHeaders}` +
    'Content-Type: multipart/mixed; boundary="mix"\r\n\r\n' +
    parts.map((p) => `--mix\r\n${p}`).join('') +
    '--mix--\r\n'
  );
}

/** A plain short reply. */
function simpleReply({ from, to, body = 'はい', messageId, headers = '' }) {
  return `From: <${from}>\r\nTo: <${to}>\r\nSubject: Re: test\r\nMessage-ID: <${messageId}>\r\n${headers}\r\n${body}\r\n`;
}

/** The contact raises a case through the inquiry form; its number. */
async function raiseCase(jar, subject) {
  const inquiry = await jarRequest(srv.baseURL, jar, '/inquiry');
  const service = /<select id="service"[\s\S]*?<option value="(\d+)"/.exec(inquiry.body)?.[1];
  const boundary = '----mailin';
  const fields = { csrf: csrfOf(inquiry.body), service, category: 'service', subject, description: '教えてください。' };
  const raised = await jarRequest(srv.baseURL, jar, '/inquiry', {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body:
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`,
  });
  assert.equal(raised.status, 303);
  return /\/cases\/(CS\d{7})/.exec(raised.headers.location)[1];
}

/** The agent's public comment on a case. */
async function agentComment(jar, number, body) {
  const page = await jarRequest(srv.baseURL, jar, `/console/cases/${number}`);
  const boundary = '----agent';
  const fields = { csrf: csrfOf(page.body), visibility: 'public', body };
  const res = await jarRequest(srv.baseURL, jar, `/console/cases/${number}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body:
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`,
  });
  assert.equal(res.status, 303);
}

const viaMailComments = (number) =>
  sql(`SELECT count(*) FROM case_activity v JOIN cases k ON k.id = v.case_id WHERE k.number = '${number}' AND v.kind = 'comment' AND v.via = 'mail'`);
const outboxTo = (addr) => sql(`SELECT count(*) FROM outbox WHERE to_addr = '${addr}'`);

before(async () => {
  mail = await startSmtp();
  srv = await startServer({ args: ['--smtp-url', mail.url, '--mail-inbound', INBOUND] });
  // The English side: the other customer's contact reads English.
  await sql(`UPDATE users SET lang = 'en' WHERE login = '${ACCOUNTS.kamomeUser.id}'`);
});
after(async () => {
  if (dovecot) await dovecot.stop();
  await srv?.stop();
  await mail?.stop();
});

describe('replies by e-mail', () => {
  let cjar;
  let ajar;
  let number;
  let replyTo;
  let notice;

  test('a case mail carries the signed reply address and says one can reply', async () => {
    cjar = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
    ajar = await signedInJar(srv.baseURL, ACCOUNTS.agent.id);
    number = await raiseCase(cjar, 'エージェントの再起動について');
    const created = await mail.next(AOBA);
    assert.ok(created.subject.includes(number), created.subject);
    await agentComment(ajar, number, 'エージェントを再起動してください。');
    notice = await mail.next(AOBA);
    assert.ok(notice.subject.includes(number), notice.subject);
    replyTo = notice.headers.get('reply-to')?.[0];
    assert.match(replyTo ?? '', REPLY_TO);
    assert.equal(created.headers.get('reply-to')?.[0], replyTo, 'one address per case and recipient');
    assert.match(notice.text, /このメールに返信すると/);
    assert.doesNotMatch(notice.text, /返信しないでください/);
  });

  test('a reply from a mail client becomes the contact’s comment with its file, without the quote', async () => {
    const raw = clientReply({
      from: AOBA,
      to: replyTo,
      subject: `Re: ${notice.subject}`,
      text: '再起動後、正常に動作しています。',
      quoted: 'エージェントを再起動してください。',
      file: { name: '稼働ログ.txt', content: 'agent restarted at 10:01\n' },
      messageId: 'reply-1@client.example',
    });
    const res = await mailIn(raw);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /mail-in: accepted/);
    const page = await jarRequest(srv.baseURL, cjar, `/cases/${number}`);
    const stream = /<ol class="activity-stream">[\s\S]*?<\/ol>/.exec(page.body)[0];
    assert.match(stream, /再起動後、正常に動作しています。/);
    assert.match(stream, /メール経由/);
    assert.match(stream, /稼働ログ\.txt/);
    assert.doesNotMatch(stream, /&gt; エージェント/, 'no quoted history');
    assert.doesNotMatch(stream, /あおば商事株式会社<\/div>/, 'no signature');
    const comment = await sql(`SELECT v.body || '|' || u.login FROM case_activity v JOIN users u ON u.id = v.author_id JOIN cases k ON k.id = v.case_id WHERE k.number = '${number}' AND v.via = 'mail' AND v.kind = 'comment'`);
    assert.equal(comment, `再起動後、正常に動作しています。|${ACCOUNTS.aobaUser.id}`);
    const file = /href="(\/cases\/CS\d{7}\/files\/\d+)"[^>]*>稼働ログ\.txt/.exec(page.body)?.[1];
    assert.ok(file, 'the attachment is listed on the case page');
    const got = await jarRequest(srv.baseURL, cjar, file);
    assert.equal(got.status, 200);
    assert.equal(got.body, 'agent restarted at 10:01\n');
    assert.equal(await sql(`SELECT count(*) FROM audit_events WHERE event = 'case.mail_reply'`), '1');
    // The provider sees it too, marked.
    const console = await jarRequest(srv.baseURL, ajar, `/console/cases/${number}`);
    assert.match(console.body, /再起動後、正常に動作しています。[\s\S]*?<\/div>/);
  });

  test('the same message delivered twice makes one comment and no note', async () => {
    const before = await outboxTo(AOBA);
    const raw = clientReply({
      from: AOBA,
      to: replyTo,
      subject: 'Re: again',
      text: '再起動後、正常に動作しています。',
      quoted: 'x',
      messageId: 'reply-1@client.example',
    });
    const res = await mailIn(raw);
    assert.equal(res.code, 0);
    assert.match(res.stderr, /mail-in: duplicate/);
    assert.equal(await viaMailComments(number), '1');
    assert.equal(await outboxTo(AOBA), before);
  });

  test('forged and altered reply addresses are refused with one note each', async () => {
    const [, caseId, userId, mac] = REPLY_TO.exec(replyTo);
    const forged = `reply+${caseId}-${userId}-${'a'.repeat(16)}@portal.example`;
    const altered = `reply+${Number(caseId) + 1}-${userId}-${mac}@portal.example`;
    mail.skip(AOBA);
    const sent = [
      [forged, 'forged@client.example'],
      [altered, 'altered@client.example'],
    ];
    // Each is delivered twice: the second delivery is recognised and sends nothing.
    const runs = await Promise.all(sent.flatMap(([to, id]) => [mailIn(simpleReply({ from: AOBA, to, messageId: id })), mailIn(simpleReply({ from: AOBA, to, messageId: id }))]));
    for (const res of runs) assert.equal(res.code, 0, res.stderr);
    assert.equal(runs.filter((r) => /mail-in: refused bad-token/.test(r.stderr)).length, 2);
    assert.equal(runs.filter((r) => /mail-in: duplicate/.test(r.stderr)).length, 2);
    for (let i = 0; i < sent.length; i++) {
      const note = await mail.next(AOBA);
      assert.match(note.subject, /メールをケースに追加できませんでした/);
      assert.match(note.text, /返信先のアドレスが正しくありません/);
      assert.equal(note.headers.get('reply-to'), undefined, 'a note cannot be answered into a case');
    }
    assert.equal(await viaMailComments(number), '1');
    assert.equal(await sql(`SELECT count(*) FROM inbound_mail WHERE outcome = 'refused' AND reason = 'bad-token'`), '2');
    assert.equal(await sql(`SELECT count(*) FROM outbox WHERE to_addr = '${AOBA}' AND sent_at IS NULL`), '0');
    assert.equal(mail.all(AOBA).filter((m) => /追加できませんでした/.test(m.subject)).length, 2);
  });

  test('a stranger, or another customer’s contact, is refused', async () => {
    const [res, other] = await Promise.all([
      mailIn(simpleReply({ from: 'someone@evil.example', to: replyTo, messageId: 'stranger@evil.example' })),
      mailIn(simpleReply({ from: KAMOME, to: replyTo, messageId: 'other@kamome.example' })),
    ]);
    assert.equal(res.code, 0);
    assert.match(res.stderr, /mail-in: refused stranger/);
    assert.match(other.stderr, /mail-in: refused stranger/);
    const note = await mail.next('someone@evil.example');
    assert.match(note.text, /お客様担当者だけです/);
    const english = await mail.next(KAMOME);
    assert.match(english.subject, /Your e-mail was not added to the case/);
    assert.equal(await viaMailComments(number), '1');
  });

  test('auto-replies and loops are ignored without a note', async () => {
    const before = await sql(`SELECT count(*) FROM outbox`);
    const runs = await Promise.all(
      [
        ['Auto-Submitted: auto-replied\r\n', 'ooo@client.example'],
        ['Precedence: bulk\r\n', 'bulk@client.example'],
        ['X-Auto-Response-Suppress: All\r\n', 'xars@client.example'],
      ].map(([headers, id]) => mailIn(simpleReply({ from: AOBA, to: replyTo, body: '不在です', messageId: id, headers }))),
    );
    for (const res of runs) {
      assert.equal(res.code, 0);
      assert.match(res.stderr, /mail-in: ignored/);
    }
    const loop = await mailIn(simpleReply({ from: AOBA, to: replyTo, body: 'loop', messageId: `${'0'.repeat(24)}.5@localhost` }));
    assert.match(loop.stderr, /mail-in: ignored loop/);
    assert.equal(await sql(`SELECT count(*) FROM outbox`), before);
    assert.equal(await viaMailComments(number), '1');
    assert.equal(await sql(`SELECT count(*) FROM inbound_mail WHERE outcome = 'ignored'`), '4');
  });

  test('in English: the mark, and a closed case refuses with a note', async () => {
    const kjar = await signedInJar(srv.baseURL, ACCOUNTS.kamomeUser.id);
    const kase = await raiseCase(kjar, 'Log retention');
    const created = await mail.next(KAMOME);
    const to = created.headers.get('reply-to')[0];
    assert.match(created.text, /You can answer by replying to this message/);
    const res = await mailIn(simpleReply({ from: KAMOME, to, body: 'One year, please.\n\nOn Mon, Portal wrote:\n> old', messageId: 'en-1@kamome.example' }));
    assert.equal(res.code, 0, res.stderr);
    const page = await jarRequest(srv.baseURL, kjar, `/cases/${kase}`);
    assert.match(page.body, /One year, please\./);
    assert.match(page.body, /via e-mail/);
    assert.doesNotMatch(page.body, /Portal wrote/);
    const closed = await jarRequest(srv.baseURL, kjar, `/cases/${kase}/close`, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body) }) });
    assert.equal(closed.status, 303);
    const late = await mailIn(simpleReply({ from: KAMOME, to, body: 'One more thing', messageId: 'en-2@kamome.example' }));
    assert.match(late.stderr, /mail-in: refused closed/);
    const note = await nextMatching(KAMOME, /Your e-mail was not added to the case/);
    assert.match(note.text, /This case is closed and cannot be changed\./);
    assert.ok(note.text.includes(`${srv.baseURL}/cases/${kase}`), note.text);
  });

  test('bad input: not a message (65), no inbound address (78)', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MADOGUCHI_')));
    const [empty, junk, noInbound] = await Promise.all([
      mailIn(''),
      mailIn('\u0001\u0002 nothing'),
      promisify(execFile)(BIN, ['mail-in', '--data-dir', srv.dataDir], { env }).catch((e) => e),
    ]);
    assert.equal(empty.code, 65);
    assert.equal(junk.code, 65);
    assert.equal(noInbound.code, 78);
  });

  test('IMAP: an unseen message of a Dovecot mailbox is delivered once and flagged \\Seen', async (t) => {
    if (!fs.existsSync('/usr/sbin/dovecot')) {
      t.skip('dovecot is not installed (scripts/deps.sh test)');
      return;
    }
    dovecot = await startDovecot();
    fs.writeFileSync(
      path.join(dovecot.maildir, 'new', '1765100000.M1P1.test'),
      simpleReply({ from: AOBA, to: replyTo, body: 'IMAP から返信します。', messageId: 'imap-1@client.example' }),
    );
    dovecot.own();
    const args = ['--imap', '--imap-url', `imap://127.0.0.1:${dovecot.port}/INBOX`, '--imap-user', 'reply', '--imap-password', dovecot.password];
    const first = await mailIn('', ...args);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /1 handled, 0 left/);
    assert.equal(await viaMailComments(number), '2');
    const second = await mailIn('', ...args);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /0 handled, 0 left/);
    assert.equal(await viaMailComments(number), '2');
    const cur = fs.readdirSync(path.join(dovecot.maildir, 'cur'));
    assert.equal(cur.length, 1);
    assert.match(cur[0], /:2,.*S/);
    const wrong = await mailIn('', '--imap', '--imap-url', `imap://127.0.0.1:${dovecot.port}/INBOX`, '--imap-user', 'reply', '--imap-password', 'wrong');
    assert.equal(wrong.code, 75, 'a refused login is a temporary failure');
  });
});

/** The next mail to addr whose subject matches (others, such as the rating mail, are passed). */
async function nextMatching(addr, re) {
  for (let i = 0; i < 5; i++) {
    const m = await mail.next(addr);
    if (re.test(m.subject)) return m;
  }
  throw new Error(`no mail to ${addr} matching ${re}`);
}

/** A free loopback port. */
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Dovecot of its own in a temporary folder: IMAP on a loopback port, one
 * passwd-file user, a Maildir. Run as root, its processes take Debian's
 * dovecot and dovenull users; otherwise everything runs as the caller.
 */
async function startDovecot() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-dovecot-'));
  const port = await freePort();
  const password = 'imap-test-password';
  const maildir = path.join(dir, 'Maildir');
  for (const sub of ['new', 'cur', 'tmp']) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
  const root = process.getuid() === 0;
  // Dovecot's own users must reach the passwd file and the Maildir inside.
  if (root) fs.chmodSync(dir, 0o755);
  const me = os.userInfo().username;
  fs.writeFileSync(path.join(dir, 'passwd'), `reply:{PLAIN}${password}\n`);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `default_internal_user = ${root ? 'dovecot' : me}`,
      `default_internal_group = ${root ? 'dovecot' : me}`,
      `default_login_user = ${root ? 'dovenull' : me}`,
      'first_valid_uid = 0',
      `mail_location = maildir:${maildir}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n  chroot =\n}`,
      'service anvil {\n  chroot =\n}',
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/passwd\n}`,
      `userdb {\n  driver = static\n  args = uid=${root ? 'dovecot' : process.getuid()} gid=${root ? 'dovecot' : process.getgid()} home=${dir}/home\n}`,
      '',
    ].join('\n'),
  );
  // As root the mail processes run as dovecot: the Maildir is theirs.
  const own = () => {
    if (!root) return;
    const { uid, gid } = userIds('dovecot');
    const walk = (p) => {
      fs.chownSync(p, uid, gid);
      if (fs.statSync(p).isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    };
    walk(maildir);
  };
  own();
  // The master daemonizes: its stdio must not be our pipes, or nothing ends.
  await runDetached('/usr/sbin/dovecot', ['-c', conf]);
  // The master forks the listener at once; wait until it accepts (no fixed sleep).
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setImmediate(r));
  }
  return {
    port,
    password,
    maildir,
    own,
    async stop() {
      await runDetached('/usr/sbin/dovecot', ['-c', conf, 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a command that may leave a daemon behind, to its exit; its exit code. */
function runDetached(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code));
  });
}

/** The uid and gid of a system user. */
function userIds(name) {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
