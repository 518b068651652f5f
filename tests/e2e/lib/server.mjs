// Starts a Madoguchi server on fresh demo data for one test file.
//
//   const srv = await startServer();   // in before()
//   srv.baseURL                        // "http://127.0.0.1:PORT"
//   srv.logs()                         // the server's stderr so far (the request log)
//   await srv.stop();                  // in after(): SIGTERM, exit code 0, no sanitizer reports
//
// The binary is $MADOGUCHI_BIN, else ../../build-test/madoguchi relative to tests/e2e.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A relative MADOGUCHI_BIN is taken from the current directory.
export const BIN = process.env.MADOGUCHI_BIN
  ? path.resolve(process.env.MADOGUCHI_BIN)
  : path.resolve(E2E_DIR, '../../build-test/madoguchi');

export const DEMO_PASSWORD = 'Madoguchi#Demo2026';

// The accounts `madoguchi demo` creates (src/cli/demo.c).
export const ACCOUNTS = {
  aobaAdmin: { id: 'admin@aoba.example.cs', name: '青葉 花子', customer: 'N200000001' },
  aobaUser: { id: 'user@aoba.example.cs', name: '青葉 一郎', customer: 'N200000001' },
  kamomeAdmin: { id: 'admin@kamome.example.cs', name: '鴎 真理', customer: 'N200000002' },
  kamomeUser: { id: 'user@kamome.example.cs', name: '鴎 健太', customer: 'N200000002' },
  sakuraAdmin: { id: 'admin@sakura.example.cs', name: '桜井 美咲', customer: 'N200000003' },
  sakuraUser: { id: 'user@sakura.example.cs', name: '桜井 翔', customer: 'N200000003' },
  agent: { id: 'agent@miharashi.example.cs', name: '見晴 太郎' },
  providerAdmin: { id: 'admin@miharashi.example.cs', name: '見晴 管理者' },
};

export const CUSTOMERS = {
  N200000001: 'あおば商事株式会社',
  N200000002: 'かもめ物流株式会社',
  N200000003: 'さくら精工株式会社',
};

// Lines a sanitizer prints when it finds something (ASan, LSan, UBSan).
const SANITIZER_REPORT = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/;

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 45_000; // the server drains requests in flight for up to 30 s

/** The environment of the server: ours less every MADOGUCHI_* setting, so only the flags count. */
function serverEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('MADOGUCHI_')) env[k] = v;
  }
  return env;
}

/**
 * options.clock: give the server an adjustable clock (test and san builds:
 * MADOGUCHI_TEST_CLOCK_FILE); then srv.setClockOffset(seconds) moves it.
 * options.args: extra flags for `madoguchi serve` (e.g. ['--smtp-url', url]).
 * options.demo: false starts on an empty data directory (no demo data).
 * options.dataDir: serve this existing data directory instead (a restored
 * one); it is removed by stop() like a fresh one.
 */
export async function startServer({ clock = false, args = [], demo = true, dataDir: existing } = {}) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`madoguchi binary not found: ${BIN} (build it with make VARIANT=test, or set MADOGUCHI_BIN)`);
  }
  const dataDir = existing ?? fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-'));
  const env = serverEnv();
  const clockFile = path.join(dataDir, 'clock-offset');
  if (clock) {
    fs.writeFileSync(clockFile, '0\n');
    env.MADOGUCHI_TEST_CLOCK_FILE = clockFile;
  }
  try {
    if (!existing) await promisify(execFile)(BIN, [demo ? 'demo' : 'migrate', '--data-dir', dataDir], { env, timeout: 60_000 });
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`madoguchi demo failed (${e.code}): ${e.stderr || e.message}`);
  }

  const child = spawn(BIN, ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  // 'close', not 'exit': the stdio streams are drained by then, so a
  // sanitizer report written as the process ends is in stderr.
  const exited = new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  // Never leave a server behind when the test process ends without stop().
  const reap = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', reap);

  let port;
  try {
    port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "serving on port" line within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /madoguchi: serving on port (\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    e.message += `\n--- stderr ---\n${stderr}`;
    throw e;
  }
  assert.ok(port > 0 && port < 65536, `bad port ${port}`);

  let stopped = null;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    pid: child.pid,
    logs: () => stderr,
    /** Moves the server's clock to now + seconds (needs startServer({clock: true})). */
    setClockOffset(seconds) {
      assert.ok(clock, 'startServer({ clock: true }) is needed for setClockOffset');
      fs.writeFileSync(clockFile, `${Math.trunc(seconds)}\n`);
    },
    stdout: () => stdout,
    /** SIGTERM; asserts a clean exit (code 0) and no sanitizer report. */
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        let timer;
        const result = await Promise.race([
          exited,
          new Promise((resolve) => {
            timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS);
          }),
        ]);
        clearTimeout(timer);
        process.removeListener('exit', reap);
        if (result === null) child.kill('SIGKILL');
        fs.rmSync(dataDir, { recursive: true, force: true });
        assert.ok(result !== null, `server did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
        const lines = stderr.split('\n');
        const first = lines.findIndex((l) => SANITIZER_REPORT.test(l));
        assert.ok(
          first < 0,
          `sanitizer report in the server's stderr:\n${lines.slice(Math.max(0, first - 5), first + 80).join('\n')}`,
        );
        assert.equal(result.signal, null, `server killed by ${result.signal}\n${stderr.slice(-4000)}`);
        assert.equal(result.code, 0, `server exit code ${result.code}\n${stderr.slice(-4000)}`);
      })();
      return stopped;
    },
  };
}

/** Runs `madoguchi COMMAND --data-dir DATA_DIR ARGS…` to its end: {code, stdout, stderr}. */
export function runCli(command, dataDir, ...args) {
  return runWithEnv(serverEnv(), command, dataDir, args);
}

/** The same on the clock of a server started with { clock: true } (test builds). */
export function runCliOnClock(srv, command, ...args) {
  const env = { ...serverEnv(), MADOGUCHI_TEST_CLOCK_FILE: path.join(srv.dataDir, 'clock-offset') };
  return runWithEnv(env, command, srv.dataDir, args);
}

async function runWithEnv(env, command, dataDir, args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(BIN, [command, '--data-dir', dataDir, ...args], {
      env,
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
