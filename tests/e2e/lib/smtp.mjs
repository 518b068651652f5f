// A real SMTP server on 127.0.0.1 (the smtp-server package: no TLS, AUTH
// optional) that keeps every message the portal delivers, and decodes them
// with code of its own (RFC 2047 subjects, base64 / quoted-printable bodies),
// never the portal's.
//
//   const mail = await startSmtp();               // in before()
//   startServer({ args: ['--smtp-url', mail.url] })
//   const m = await mail.next('user@aoba.example'); // the next mail to that address
//   m.subject, m.text, m.headers.get('content-language')
//   await mail.none('user@aoba.example', 3000);    // asserts nothing more arrives
//   await mail.stop();                             // in after()
//
// The portal's sender thread delivers asynchronously (and retries), so every
// wait has a timeout.
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';

const DEFAULT_WAIT_MS = 15_000;

/** RFC 2047 encoded-words in a header value, decoded (adjacent words joined as RFC 2047 §6.2 says). */
export function decodeWords(value) {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  // Whitespace between two encoded-words is not part of the text.
  const joined = value.replace(/(\?=)[ \t\r\n]+(?==\?)/g, '$1');
  let out = '';
  let last = 0;
  let pending = []; // bytes of consecutive words, decoded together: a word may end mid-character
  let pendingCharset = null;
  const flush = () => {
    if (pending.length) out += new TextDecoder(pendingCharset || 'utf-8').decode(Buffer.concat(pending));
    pending = [];
    pendingCharset = null;
  };
  for (const m of joined.matchAll(word)) {
    if (m.index > last) {
      flush();
      out += joined.slice(last, m.index);
    }
    const charset = m[1].split('*')[0].toLowerCase();
    let bytes;
    if (m[2].toUpperCase() === 'B') {
      bytes = Buffer.from(m[3], 'base64');
    } else {
      const s = m[3].replace(/_/g, ' ');
      const arr = [];
      for (let i = 0; i < s.length; i++) {
        if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
          arr.push(parseInt(s.slice(i + 1, i + 3), 16));
          i += 2;
        } else {
          arr.push(s.charCodeAt(i));
        }
      }
      bytes = Buffer.from(arr);
    }
    if (pendingCharset && pendingCharset !== charset) flush();
    pendingCharset = charset;
    pending.push(bytes);
    last = m.index + m[0].length;
  }
  flush();
  out += joined.slice(last);
  return out;
}

/** Splits a raw RFC 5322 message: headers (lower-case name → array of unfolded raw values) and body. */
export function parseMessage(raw) {
  const text = raw.toString('latin1'); // bytes as they are; headers are ASCII
  const sep = text.search(/\r?\n\r?\n/);
  const head = sep < 0 ? text : text.slice(0, sep);
  const bodyStart = sep < 0 ? text.length : sep + /\r?\n\r?\n/.exec(text.slice(sep))[0].length;
  const headers = new Map();
  const unfolded = head.replace(/\r?\n[ \t]/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (!headers.has(name)) headers.set(name, []);
    headers.get(name).push(value);
  }
  return { headers, body: raw.subarray(Buffer.byteLength(text.slice(0, bodyStart), 'latin1')) };
}

/** The text of a single-part text/plain body in its transfer encoding and charset. */
export function decodeBody(headers, body) {
  const cte = (headers.get('content-transfer-encoding')?.[0] || '7bit').toLowerCase();
  const ctype = headers.get('content-type')?.[0] || 'text/plain; charset=us-ascii';
  const charset = (/charset="?([^";\s]+)"?/i.exec(ctype)?.[1] || 'us-ascii').toLowerCase();
  let bytes;
  if (cte === 'base64') {
    bytes = Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  } else if (cte === 'quoted-printable') {
    const s = body.toString('latin1').replace(/=\r?\n/g, '');
    const arr = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        arr.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        arr.push(s.charCodeAt(i));
      }
    }
    bytes = Buffer.from(arr);
  } else {
    bytes = body;
  }
  const label = charset === 'us-ascii' ? 'utf-8' : charset;
  return new TextDecoder(label, { fatal: true }).decode(bytes).replace(/\r\n/g, '\n');
}

/** The address inside "Name <addr>" or a bare address, lower case. */
export function addressOf(value) {
  const m = /<([^>]*)>\s*$/.exec(value);
  return (m ? m[1] : value).trim().toLowerCase();
}

/** Every http(s) URL in a text. */
export function linksIn(text) {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}

/**
 * Starts the SMTP server on 127.0.0.1 and a free port.
 * Returns {port, url, messages, next(addr, {timeout}), none(addr, ms), skip(addr), stop()}.
 */
export async function startSmtp() {
  const messages = []; // every message, in order of arrival
  const cursor = new Map(); // address → index in messages of the next unread one
  const waiters = new Set();

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    banner: 'madoguchi e2e test SMTP',
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        try {
          const { headers, body } = parseMessage(raw);
          const subjectRaw = headers.get('subject')?.[0] ?? '';
          const msg = {
            raw,
            headers,
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subjectRaw,
            subject: decodeWords(subjectRaw),
            to: addressOf(decodeWords(headers.get('to')?.[0] ?? '')),
            from: decodeWords(headers.get('from')?.[0] ?? ''),
            text: decodeBody(headers, body),
            receivedAt: Date.now(),
          };
          messages.push(msg);
        } catch (e) {
          messages.push({ raw, error: e, rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) });
        }
        for (const w of [...waiters]) w();
        callback(null, 'queued');
      });
    },
  });
  server.on('error', () => {}); // a client hanging up mid-session is not our failure

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const port = server.server.address().port;

  const indexAfter = (addr) => cursor.get(addr) ?? 0;
  const findFrom = (addr, from) => {
    for (let i = from; i < messages.length; i++) {
      if (messages[i].rcptTo.includes(addr)) return i;
    }
    return -1;
  };

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,

    /** All messages sent to addr so far (read or not). */
    all(addr) {
      const a = addr.toLowerCase();
      return messages.filter((m) => m.rcptTo.includes(a));
    },

    /** Marks every message to addr received so far as read. */
    skip(addr) {
      cursor.set(addr.toLowerCase(), messages.length);
    },

    /** Waits for the next unread message to addr; fails after timeout ms. */
    async next(addr, { timeout = DEFAULT_WAIT_MS } = {}) {
      const a = addr.toLowerCase();
      const deadline = Date.now() + timeout;
      for (;;) {
        const i = findFrom(a, indexAfter(a));
        if (i >= 0) {
          cursor.set(a, i + 1);
          const m = messages[i];
          if (m.error) throw new Error(`the mail to ${a} cannot be decoded: ${m.error.message}\n${m.raw}`);
          return m;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail to ${a} within ${timeout} ms`);
        await new Promise((resolve) => {
          const timer = setTimeout(done, Math.min(left, 250));
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
    },

    /** Asserts that no unread message to addr arrives within ms. */
    async none(addr, ms = 3000) {
      const a = addr.toLowerCase();
      await new Promise((resolve) => setTimeout(resolve, ms));
      const i = findFrom(a, indexAfter(a));
      assert.equal(
        i,
        -1,
        i >= 0 ? `unexpected mail to ${a}: ${messages[i].subject}\n${messages[i].text}` : undefined,
      );
    },

    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
