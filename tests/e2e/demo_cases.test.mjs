// The demo's cases (madoguchi demo-cases, run by scripts/run-demo): every
// demo customer gets cases in every state, a monthly report with its file
// and an alarm, made through the same operations as the pages — so each
// customer sees only its own, and the quick filters have rows to show.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, BIN, startServer } from './lib/server.mjs';

let srv;
let base;
const run = () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MADOGUCHI_')));
  return promisify(execFile)(BIN, ['demo-cases', '--data-dir', srv.dataDir], { env, timeout: 60_000 });
};
before(async () => {
  srv = await startServer();
  base = srv.baseURL;
  await run();
});
after(async () => {
  await srv?.stop();
});

const STATES = ['新規', 'MSOC 作業中', 'お客様確認待ち', '解決済み(クローズ待ち)', 'クローズ'];

const counts = {};

describe('the demo cases', () => {
  test('every customer sees cases in every state, and only its own', async () => {
    for (const [who, other] of [
      ['aobaUser', 'kamomeUser'],
      ['kamomeAdmin', 'sakuraUser'],
      ['sakuraAdmin', 'aobaAdmin'],
    ]) {
      const jar = await signedInJar(base, ACCOUNTS[who].id);
      const list = await jarRequest(base, jar, '/cases');
      assert.equal(list.status, 200);
      for (const s of STATES) assert.ok(list.body.includes(s), `${who} has a case in ${s}`);
      const numbers = [...new Set([...list.body.matchAll(/\/cases\/(CS\d{7})/g)].map((m) => m[1]))];
      // Seven of their own, the case of the accepted work request, and an overage case where the balance ran out.
      assert.ok(numbers.length >= 8, `${who}: ${numbers}`);
      counts[who] = numbers.length;
      const theirs = await signedInJar(base, ACCOUNTS[other].id);
      for (const n of numbers) assert.equal((await jarRequest(base, theirs, `/cases/${n}`)).status, 404);
    }
  });

  test('the monthly report quick filter shows the report, with its file', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaUser.id);
    const list = await jarRequest(base, jar, '/cases?q=report');
    const numbers = [...new Set([...list.body.matchAll(/\/cases\/(CS\d{7})/g)].map((m) => m[1]))];
    assert.equal(numbers.length, 1, `reports: ${numbers}`);
    const page = await jarRequest(base, jar, `/cases/${numbers[0]}`);
    const file = /href="(\/cases\/CS\d{7}\/files\/\d+)"/.exec(page.body);
    assert.ok(file, 'the report is attached');
    const got = await jarRequest(base, jar, file[1]);
    assert.equal(got.status, 200);
    assert.match(got.body, /Monthly service report/);
  });

  test('work requests in every state: accepted (points used), not accepted, received', async () => {
    for (const who of ['aobaUser', 'kamomeUser', 'sakuraUser']) {
      const jar = await signedInJar(base, ACCOUNTS[who].id);
      const mine = await jarRequest(base, jar, '/requests/mine');
      assert.equal(mine.status, 200);
      const numbers = [...new Set([...mine.body.matchAll(/href="\/requests\/(WR\d{7})"/g)].map((m) => m[1]))];
      assert.equal(numbers.length, 3, `${who}: ${numbers}`);
      for (const state of ['受付中', '受理', '不受理']) assert.ok(mine.body.includes(state), `${who} has no request ${state}`);
    }
    const points = await jarRequest(base, await signedInJar(base, ACCOUNTS.aobaUser.id), '/points');
    assert.equal(points.status, 200);
  });

  test('running it again adds nothing', async () => {
    const { stdout } = await run();
    assert.match(stdout, /already present/);
    const jar = await signedInJar(base, ACCOUNTS.aobaUser.id);
    const list = await jarRequest(base, jar, '/cases');
    assert.equal(new Set([...list.body.matchAll(/\/cases\/(CS\d{7})/g)].map((m) => m[1])).size, counts.aobaUser);
    const mine = await jarRequest(base, jar, '/requests/mine');
    assert.equal(new Set([...mine.body.matchAll(/href="\/requests\/(WR\d{7})"/g)].map((m) => m[1])).size, 3);
  });
});
