// The operator's endpoints: /metrics in the Prometheus text format (request
// counters by route pattern and status, a latency histogram, the outbox,
// sessions and database gauges), who may read it (loopback peers, or the
// bearer token; with the loopback exemption turned off, only the token),
// and the probes /healthz and /readyz, which leave no access log line.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

const TOKEN = 'metrics-token-0123456789abcdef';

// One sample line: name, optional {labels}, value (format 0.0.4; no timestamps here).
const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?\\})? (\\S+)$`);
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|[+-]Inf|NaN)$/;

/**
 * Parses an exposition; fails the test on any line that is not a comment,
 * a HELP/TYPE line or a sample. Returns {samples: [{name, labels, value}], types}.
 */
function parseExposition(text) {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a line feed');
  const samples = [];
  const types = {};
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (m && m[1] === 'TYPE') {
        assert.match(m[3], /^(counter|gauge|histogram|summary|untyped)$/, `line ${i + 1}: ${line}`);
        assert.equal(types[m[2]], undefined, `TYPE of ${m[2]} given twice`);
        types[m[2]] = m[3];
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    assert.ok(m, `line ${i + 1} is not a sample: ${JSON.stringify(line)}`);
    assert.match(m[3], VALUE, `line ${i + 1}: bad value`);
    const labels = {};
    for (const [, k, v] of (m[2] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[k] = v.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  for (const s of samples) {
    const family = s.name.replace(/_(bucket|sum|count)$/, '');
    assert.ok(types[s.name] || types[family], `${s.name} has no TYPE line`);
  }
  return { samples, types };
}

const pick = (samples, name, labels = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

function counter(samples, labels) {
  const found = pick(samples, 'madoguchi_http_requests_total', labels);
  assert.ok(found.length <= 1, `several series for ${JSON.stringify(labels)}`);
  return found.length ? found[0].value : 0;
}

/** Scrapes until check(samples) holds (a request is counted as it completes, just after its answer). */
async function scrapeUntil(base, check, headers = {}) {
  let last;
  for (let i = 0; i < 40; i++) {
    const res = await request(base, '/metrics', { headers });
    assert.equal(res.status, 200);
    last = parseExposition(res.body).samples;
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

describe('metrics, loopback peer', () => {
  let srv;
  let base;
  before(async () => {
    srv = await startServer({ args: ['--metrics-token', TOKEN] });
    base = srv.baseURL;
  });
  after(async () => {
    await srv?.stop();
  });

  test('the exposition is well-formed and served as format 0.0.4', async () => {
    await request(base, '/login');
    const res = await request(base, '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const { types } = parseExposition(res.body);
    assert.equal(types.madoguchi_http_requests_total, 'counter');
    assert.equal(types.madoguchi_http_request_duration_seconds, 'histogram');
    assert.equal(types.madoguchi_mail_outbox, 'gauge');
  });

  test('requests are counted under their route pattern and status, never the raw path', async () => {
    const before = (await scrapeUntil(base, () => true));
    const login = { method: 'GET', route: '/login', status: '200' };
    const caseView = { method: 'GET', route: '/cases/:number', status: '303' };
    const unmatched = { route: 'unmatched', status: '404' };
    const counts0 = [login, caseView, unmatched].map((l) => counter(before, l));

    await request(base, '/login');
    await request(base, '/login');
    await request(base, '/cases/N0000012345'); // not signed in: sent to /login
    await request(base, '/no-such-page/12345');
    const want = [counts0[0] + 2, counts0[1] + 1, counts0[2] + 1];
    const after = await scrapeUntil(base, (s) =>
      [login, caseView, unmatched].every((l, i) => counter(s, l) >= want[i]),
    );
    assert.deepEqual([login, caseView, unmatched].map((l) => counter(after, l)), want);

    const routes = new Set(after.filter((s) => s.labels.route !== undefined).map((s) => s.labels.route));
    assert.ok(!routes.has('/cases/N0000012345'), 'a raw path became a label');
    assert.ok(!routes.has('/no-such-page/12345'), 'an unknown path became a label');
  });

  test('the latency histogram: buckets ascending and cumulative, +Inf equals the count', async () => {
    await request(base, '/login');
    const samples = await scrapeUntil(base, (s) =>
      pick(s, 'madoguchi_http_request_duration_seconds_count', { route: '/login' }).length > 0,
    );
    const counts = pick(samples, 'madoguchi_http_request_duration_seconds_count');
    assert.ok(counts.length >= 1);
    for (const c of counts) {
      const { method, route } = c.labels;
      const buckets = pick(samples, 'madoguchi_http_request_duration_seconds_bucket', { method, route });
      assert.ok(buckets.length >= 2, `${route}: no buckets`);
      const le = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
      for (let i = 1; i < buckets.length; i++) {
        assert.ok(le[i] > le[i - 1], `${route}: bucket bounds not ascending`);
        assert.ok(buckets[i].value >= buckets[i - 1].value, `${route}: buckets not cumulative`);
      }
      assert.equal(buckets.at(-1).labels.le, '+Inf');
      assert.equal(buckets.at(-1).value, c.value, `${route}: +Inf differs from _count`);
      const sum = pick(samples, 'madoguchi_http_request_duration_seconds_sum', { method, route });
      assert.equal(sum.length, 1);
      assert.ok(sum[0].value >= 0);
    }
  });

  test('gauges: outbox, active sessions, database size, start time', async () => {
    await signedInJar(base, ACCOUNTS.aobaUser.id);
    const res = await request(base, '/metrics');
    const { samples } = parseExposition(res.body);
    const one = (name, labels) => {
      const found = pick(samples, name, labels);
      assert.equal(found.length, 1, `${name} ${JSON.stringify(labels || {})}`);
      return found[0].value;
    };
    assert.ok(one('madoguchi_mail_outbox', { state: 'pending' }) >= 0);
    assert.ok(one('madoguchi_mail_outbox', { state: 'failed' }) >= 0);
    assert.ok(one('madoguchi_sessions_active') >= 1, 'the session just opened is not counted');
    const bytes = one('madoguchi_database_size_bytes');
    assert.ok(bytes > 4096 && bytes % 512 === 0, `database size ${bytes}`);
    const started = one('process_start_time_seconds');
    const now = Date.now() / 1000;
    assert.ok(started <= now + 1 && started > now - 600, `start time ${started}`);
  });

  test('the token is also accepted from a loopback peer; a wrong one changes nothing here', async () => {
    const good = await request(base, '/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(good.status, 200);
    const wrong = await request(base, '/metrics', { headers: { Authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 200, 'loopback is allowed by default');
  });

  test('/healthz and /readyz answer ok and write no access log line', async () => {
    const health = await request(base, '/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.body, 'ok\n');
    const ready = await request(base, '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body, 'ok\n');
    await request(base, '/login');
    await scrapeUntil(base, () => srv.logs().includes(' GET /login 200 '));
    assert.doesNotMatch(srv.logs(), / GET \/(healthz|readyz|metrics) 200 /);
    const samples = await scrapeUntil(base, (s) => counter(s, { route: '/readyz', status: '200' }) >= 1);
    assert.equal(counter(samples, { route: '/readyz', status: '200' }), 1, 'probes are still counted');
  });
});

describe('metrics, loopback exemption turned off', () => {
  let srv;
  let base;
  before(async () => {
    srv = await startServer({ demo: false, args: ['--metrics-token', TOKEN, '--metrics-loopback=0'] });
    base = srv.baseURL;
  });
  after(async () => {
    await srv?.stop();
  });

  test('without the token: 404 as for a page that does not exist', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer wrong-token-0123456789abcdef' },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { Authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
      { Authorization: TOKEN },
    ]) {
      const res = await request(base, '/metrics', { headers });
      assert.equal(res.status, 404, JSON.stringify(headers));
      assert.doesNotMatch(res.body, /madoguchi_http_requests_total/);
    }
  });

  test('with the token: the metrics', async () => {
    const res = await request(base, '/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    const { samples } = parseExposition(res.body);
    assert.ok(counter(samples, { route: '/metrics', status: '404' }) >= 1, 'the refusals are counted');
  });

  test('the probes need no token', async () => {
    assert.equal((await request(base, '/healthz')).status, 200);
    assert.equal((await request(base, '/readyz')).status, 200);
  });
});

describe('metrics settings', () => {
  test('a short token is refused at start', async () => {
    await assert.rejects(startServer({ demo: false, args: ['--metrics-token', 'short'] }), /at least 16 characters/);
  });
});
