// Satisfaction after a case closes: the contact gets one mail with a link
// per rating; opening a link (as a mail scanner would) records nothing and
// shows a form with that rating chosen; sending it records the rating once.
// Altered links are refused, the page is valid HTML, and staff see the
// results per month, customer and agent with the comment.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { FORM, Jar, csrfOf, form, jarRequest, signedInJar } from './lib/http.mjs';
import { mailsTo } from './lib/outbox.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let srv;
let links; // score → link, from the mail
let number;
let email;
const sql = (query) => promisify(execFile)('sqlite3', [path.join(srv.dataDir, 'madoguchi.db'), query]).then(({ stdout }) => stdout.trim());

before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv?.stop();
});

/** Posts the rating form of link (with the browser's token from any of its forms). */
async function postRating(jar, link, fields) {
  const page = await jarRequest(srv.baseURL, jar, '/login');
  return jarRequest(srv.baseURL, jar, new URL(link).pathname, {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(page.body), ...fields }),
  });
}

describe('satisfaction', () => {
  test('closing a case mails its contact one link per rating', async () => {
    // The contact raises a case from the inquiry form, then closes it.
    const jar = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id);
    email = ACCOUNTS.aobaUser.id.replace(/\.cs$/, '');
    const inquiry = await jarRequest(srv.baseURL, jar, '/inquiry');
    const service = /<select id="service"[\s\S]*?<option value="(\d+)"/.exec(inquiry.body)?.[1];
    assert.ok(service, 'a service to choose');
    const boundary = '----rating';
    const fields = { csrf: csrfOf(inquiry.body), service, category: 'service', subject: 'ログの保管期間', description: '教えてください。' };
    const raised = await jarRequest(srv.baseURL, jar, '/inquiry', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body:
        Object.entries(fields)
          .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
          .join('') + `--${boundary}--\r\n`,
    });
    assert.equal(raised.status, 303);
    number = /\/cases\/(CS\d{7})/.exec(raised.headers.location)?.[1];
    assert.match(number, /^CS\d{7}$/);
    const page = await jarRequest(srv.baseURL, jar, `/cases/${number}`);
    const closed = await jarRequest(srv.baseURL, jar, `/cases/${number}/close`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(page.body) }),
    });
    assert.equal(closed.status, 303);
    const [mail] = await mailsTo(srv.dataDir, email, '/rate/');
    assert.ok(mail, 'a rating mail');
    assert.ok(mail.subject.includes(number), mail.subject);
    links = Object.fromEntries([...mail.text.matchAll(/(https?:\/\/\S+\/rate\/[A-Za-z0-9_-]+\?score=(\d))/g)].map((m) => [m[2], m[1]]));
    assert.deepEqual(Object.keys(links).sort(), ['1', '2', '3', '4', '5']);
    assert.equal(await sql(`SELECT count(*) FROM case_ratings r JOIN cases k ON k.id = r.case_id WHERE k.number = '${number}'`), '1');
  });

  test('opening a link records nothing; the form records once', async () => {
    const visitor = new Jar();
    for (let i = 0; i < 3; i++) {
      const opened = await jarRequest(srv.baseURL, visitor, new URL(links['4']).pathname + '?score=4');
      assert.equal(opened.status, 200);
      assert.match(opened.body, /<input type="radio" name="score" required value="4" checked>/);
    }
    const hv = new HtmlValidate(new FileSystemConfigLoader());
    const report = await hv.validateString((await jarRequest(srv.baseURL, visitor, new URL(links['4']).pathname)).body, path.join(HERE, 'page.html'));
    assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message}`)), []);
    assert.equal(await sql(`SELECT count(*) FROM case_ratings WHERE rated_at IS NOT NULL`), '0', 'a scanner records nothing');

    const bad = await postRating(visitor, links['4'], { score: '9', comment: '' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /id="score-error"/);
    const altered = links['4'].replace(/\/rate\/(.)/, (m, c) => `/rate/${c === 'A' ? 'B' : 'A'}`);
    assert.equal((await jarRequest(srv.baseURL, visitor, new URL(altered).pathname)).status, 404);
    const noCsrf = await jarRequest(srv.baseURL, visitor, new URL(links['4']).pathname, {
      method: 'POST',
      headers: FORM,
      body: form({ score: '1' }),
    });
    assert.equal(noCsrf.status, 403);

    const done = await postRating(visitor, links['4'], { score: '4', comment: '迅速な対応でした。' });
    assert.equal(done.status, 200);
    assert.match(done.body, /ご回答ありがとうございました/);
    const again = await postRating(visitor, links['1'], { score: '1', comment: '' });
    assert.equal(again.status, 409, 'one answer per case');
    assert.equal(await sql(`SELECT score || '|' || comment FROM case_ratings WHERE rated_at IS NOT NULL`), '4|迅速な対応でした。');
  });

  test('staff see the results per month, customer and agent, with the comment', async () => {
    const jar = await signedInJar(srv.baseURL, ACCOUNTS.agent.id);
    const page = await jarRequest(srv.baseURL, jar, '/console/ratings');
    assert.equal(page.status, 200);
    assert.match(page.body, /4\.0/);
    assert.match(page.body, /N200000001/);
    assert.match(page.body, /迅速な対応でした。/);
    assert.ok(page.body.includes(`href="/console/cases/${number}"`));
    const audit = await jarRequest(srv.baseURL, await signedInJar(srv.baseURL, ACCOUNTS.providerAdmin.id), '/console/audit');
    assert.match(audit.body, /満足度の評価/);
    const customer = await signedInJar(srv.baseURL, ACCOUNTS.aobaAdmin.id);
    assert.equal((await jarRequest(srv.baseURL, customer, '/console/ratings')).status, 404);
  });
});
