// The mails the server wrote to its outbox folder (the file transport of the
// demo set-up: <data-dir>/mail/outbox/*.eml), decoded for assertions.
import fs from 'node:fs';
import path from 'node:path';

/** Decodes RFC 2047 encoded words (UTF-8, B), joining adjacent ones byte-wise. */
export function decodeHeader(value) {
  const v = value.replace(/\r?\n[ \t]+/g, ' ');
  const re = /=\?UTF-8\?B\?([^?]*)\?=/gi;
  const bytes = [];
  let last = 0;
  let m;
  while ((m = re.exec(v))) {
    const between = v.slice(last, m.index);
    if (!(last > 0 && /^\s*$/.test(between))) bytes.push(Buffer.from(between, 'utf8'));
    bytes.push(Buffer.from(m[1], 'base64'));
    last = re.lastIndex;
  }
  bytes.push(Buffer.from(v.slice(last), 'utf8'));
  return Buffer.concat(bytes).toString('utf8').trim();
}

/** Every .eml of the outbox folder, oldest first: {file, seq, to, subject, lang, text, raw}. */
export function readOutbox(dataDir) {
  const dir = path.join(dataDir, 'mail', 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((file) => {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8');
      const cut = raw.search(/\r?\n\r?\n/);
      const head = raw.slice(0, cut);
      const body = raw.slice(cut).trim();
      const header = (name) => new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1] ?? '';
      const base64 = /base64/i.test(header('Content-Transfer-Encoding'));
      return {
        file,
        seq: Number(file.split('-')[0]),
        to: decodeHeader(header('To')),
        subject: decodeHeader(header('Subject')),
        lang: header('Content-Language').trim(),
        text: base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body,
        raw,
      };
    })
    .sort((a, b) => a.seq - b.seq);
}

/**
 * The mails to address whose subject or text contains needle, waiting up to
 * wait ms for count of them (the sender is asynchronous).
 */
export async function mailsTo(dataDir, address, needle, count = 1, wait = 5_000) {
  const deadline = Date.now() + wait;
  for (;;) {
    const found = readOutbox(dataDir).filter(
      (m) => m.to.toLowerCase().includes(`<${address}>`) && (m.subject.includes(needle) || m.text.includes(needle)),
    );
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}
