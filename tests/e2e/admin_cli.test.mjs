// `madoguchi admin` on a fresh data directory (SPEC §9): the first provider
// admin from the command line with a one-time link that sets the password,
// refused a second time unless --another is asked, sign-in through that link
// (which leads to the authenticator app's set-up first), and the rescue of a
// locked-out user ID (admin unlock) and of a lost authenticator app
// (admin reset-mfa).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { jarRequest, setPasswordByLink, signInHTTP, signedInJar } from './lib/http.mjs';
import { runCli, startServer } from './lib/server.mjs';

const PASSWORD = 'Kq7#vX2mPw9!zR';
let srv;
before(async () => {
  srv = await startServer({ demo: false });
});
after(async () => {
  await srv?.stop();
});

/** Runs `madoguchi admin ARGS…` on the server's data directory: {code, stdout, stderr}. */
const admin = (...args) => runCli('admin', srv.dataDir, ...args);

describe('madoguchi admin', () => {
  test('create: the first provider admin sets a password through the printed link and signs in to the console', async () => {
    assert.equal((await signInHTTP(srv.baseURL, 'root@provider.example', PASSWORD)).res.status, 401, 'a user before the command');
    const r = await admin('create', '--email', 'root@provider.example', '--name', '見晴 一郎');
    assert.equal(r.code, 0, r.stderr);
    const link = /https?:\/\/\S+\/password\/reset\/\S+/.exec(r.stdout)?.[0];
    assert.ok(link, r.stdout);
    assert.ok(!/password/i.test(r.stdout.replace(link, '').replace('set the password', '')), 'no password on the output');
    assert.equal((await signInHTTP(srv.baseURL, 'root@provider.example', PASSWORD)).res.status, 401, 'no password before the link');
    assert.equal(await setPasswordByLink(srv.baseURL, link, PASSWORD), 303);
    const jar = await signedInJar(srv.baseURL, 'root@provider.example', PASSWORD);
    const console = await jarRequest(srv.baseURL, jar, '/console/customers');
    assert.equal(console.status, 303, 'staff set up an authenticator app before any console page');
    assert.equal(console.headers.location, '/profile/mfa?setup=1');
    assert.equal(await setPasswordByLink(srv.baseURL, link, 'Zq7#mVx2!pLr9w').catch(() => 404), 404, 'the link works once');
  });

  test('create again: refused while an admin exists, unless --another; bad input is refused', async () => {
    const again = await admin('create', '--email', 'second@provider.example', '--name', '二郎');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists already/);
    assert.match(again.stderr, /--another/);
    const another = await admin('create', '--email', 'second@provider.example', '--name', '二郎', '--another');
    assert.equal(another.code, 0, another.stderr);
    const taken = await admin('create', '--email', 'second@provider.example', '--name', '二郎', '--another');
    assert.equal(taken.code, 1);
    const bad = await admin('create', '--email', 'not-an-address', '--name', ' ', '--another');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--email/);
    assert.match(bad.stderr, /--name/);
    assert.equal((await admin('create', '--email')).code, 2, 'usage');
    assert.equal((await admin('frobnicate')).code, 2, 'usage');
  });

  test('unlock: a user ID locked by five wrong passwords signs in again', async () => {
    for (let i = 0; i < 5; i++) await signInHTTP(srv.baseURL, 'root@provider.example', 'Wrong#Password1');
    assert.equal((await signInHTTP(srv.baseURL, 'root@provider.example', PASSWORD)).res.status, 423);
    assert.equal((await admin('unlock', 'nobody@provider.example')).code, 1);
    const r = await admin('unlock', 'ROOT@provider.example');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await signInHTTP(srv.baseURL, 'root@provider.example', PASSWORD)).res.status, 303);
  });

  test('reset-mfa: answers for a known user ID only', async () => {
    assert.equal((await admin('reset-mfa', 'root@provider.example')).code, 0);
    assert.equal((await admin('reset-mfa', 'nobody@provider.example')).code, 1);
  });
});
