// `make install`: into a fresh PREFIX (and under a DESTDIR) it installs a
// binary that runs on its own — --version, migrate, then serve answering
// /readyz — with the systemd unit pointing at it and the operations guide.
// The variant installed is the one under test (build-test, build-san, build).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { request } from './lib/http.mjs';
import { BIN } from './lib/server.mjs';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VARIANT = { 'build-test': 'test', 'build-san': 'san', build: 'release' }[path.basename(path.dirname(BIN))];
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MADOGUCHI_')));
const temps = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-install-'));
  temps.push(d);
  return d;
};
after(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

async function makeInstall(...vars) {
  assert.ok(VARIANT, `cannot tell the build variant of ${BIN}`);
  await run('make', ['-s', '-C', ROOT, 'install', `VARIANT=${VARIANT}`, ...vars], { env, timeout: 600_000 });
}

test('make install PREFIX=…: a binary that migrates and serves, the unit and the guide', async () => {
  const prefix = tempDir();
  await makeInstall(`PREFIX=${prefix}`);
  const bin = path.join(prefix, 'bin/madoguchi');
  assert.ok(fs.statSync(bin).mode & 0o100, 'the binary is not executable');
  const unit = fs.readFileSync(path.join(prefix, 'lib/systemd/system/madoguchi.service'), 'utf8');
  assert.match(unit, new RegExp(`^ExecStart=${bin} serve$`, 'm'));
  assert.match(unit, /^ProtectSystem=strict$/m);
  for (const f of ['operations.md', 'nginx-madoguchi.conf']) {
    assert.ok(fs.existsSync(path.join(prefix, 'share/doc/madoguchi', f)), f);
  }

  // systemd's own reading of the unit, where systemd is installed.
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p));
  if (analyze) {
    const unitPath = path.join(prefix, 'lib/systemd/system/madoguchi.service');
    const { stderr } = await run(analyze, ['verify', unitPath], { env });
    assert.equal(stderr, '', `systemd-analyze verify: ${stderr}`);
  }

  const { stdout } = await run(bin, ['--version'], { env });
  assert.match(stdout, /^madoguchi \d+\.\d+\.\d+\n$/);

  // Away from the source tree: nothing may be read from it.
  const data = path.join(tempDir(), 'data');
  await run(bin, ['migrate', '--data-dir', data], { env, cwd: os.tmpdir(), timeout: 60_000 });
  const child = spawn(bin, ['serve', '--data-dir', data, '--listen', '127.0.0.1:0'], {
    env,
    cwd: os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const port = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('the installed server did not start')), 20_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /serving on port (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      exited.then((code) => reject(new Error(`the installed server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const ready = await request(base, '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body, 'ok\n');
    const login = await request(base, '/login');
    assert.equal(login.status, 200, 'the embedded pages are served');
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});

test('make install DESTDIR=… PREFIX=/usr: everything under DESTDIR, paths as on the target', async () => {
  const dest = tempDir();
  await makeInstall(`DESTDIR=${dest}`, 'PREFIX=/usr');
  assert.ok(fs.existsSync(path.join(dest, 'usr/bin/madoguchi')));
  const unit = fs.readFileSync(path.join(dest, 'usr/lib/systemd/system/madoguchi.service'), 'utf8');
  assert.match(unit, /^ExecStart=\/usr\/bin\/madoguchi serve$/m);
  assert.ok(!unit.includes(dest), 'the unit names the staging directory');
});
