/**
 * Issue 10, finding 4: `POST /api/provincial/batches` spooled up to 1 GiB per request to the
 * temp folder before the signature was checked, any number at once — two anonymous 300 MB
 * uploads wrote 531 MB before each got 401. Now the signed headers are checked before the
 * body is read, each signature is accepted once, one upload per feed runs at a time, and all
 * uploads together reserve at most PROVINCIAL_SPOOL_MAX_MB. Real HTTP on loopback; the spool
 * folder is watched, so "nothing written" means no file was ever created in it.
 */
import { watch, type FSWatcher } from 'node:fs';
import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generatedIdNumber } from '@yima/bff/src/features/provincial';
import { feedLine, feedRequestHeaders, ndjson, postBatch } from '../support/feed';
import { newIdNumber } from '../support/ids';
import { rawUpload } from '../support/rawUpload';
import { startTestApp, type TestApp } from '../support/testApp';

const MiB = 1024 * 1024;
/** Large enough that a server which reads it before answering is seen doing so: far more than
 * loopback socket buffers hold, yet fast to send. */
const LARGE = 40 * MiB;
const FEEDS = `province:${randomBytes(32).toString('base64')},district:${randomBytes(32).toString('base64')}`;

let spoolDir: string;
let app: TestApp;
let watcher: FSWatcher;
/** Names of entries created in the spool folder since the last reset. */
let created: string[] = [];

beforeAll(async () => {
  spoolDir = await mkdtemp(join(tmpdir(), 'yima-spool-test-'));
  // Versions before the spool folder was configurable spooled to os.tmpdir(): point it at the
  // watched folder too, so the measure holds whatever the version under test.
  process.env.TMPDIR = spoolDir;
  app = await startTestApp({ env: { PROVINCIAL_FEEDS: FEEDS, PROVINCIAL_SPOOL_DIR: spoolDir, PROVINCIAL_MAX_BATCH_MB: '64', PROVINCIAL_SPOOL_MAX_MB: '64' } });
  watcher = watch(spoolDir, (_event, name) => created.push(String(name)));
});
afterAll(async () => {
  watcher.close();
  await app.close();
  await rm(spoolDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await app.reset();
  created = [];
});
afterEach(async () => {
  // Whatever happened, nothing stays in the spool.
  await expect.poll(() => readdir(spoolDir)).toEqual([]);
});

const heldStates = async () => (await app.db.query<any[]>('SELECT version, color FROM provincial_states'))[0];
const batch = (lines: number, version = 1) => ndjson(Array.from({ length: lines }, () => feedLine(app, { idNumber: newIdNumber(), color: 'yellow', version })));
const nowSeconds = () => Math.floor(app.clock.now().getTime() / 1000);
/** Headers a sender would make for a body of `length` bytes it has not got (a forger). */
const forged = (over: Record<string, string> = {}) => ({
  'content-type': 'application/x-ndjson',
  'content-length': String(LARGE),
  'x-feed-id': 'province',
  'x-feed-timestamp': String(nowSeconds()),
  'x-content-sha256': randomBytes(32).toString('hex'),
  'x-signature': `v1=${randomBytes(32).toString('hex')}`,
  ...over,
});

describe('uploads refused before a byte of the body is read', () => {
  it('when two anonymous uploads of 40 MiB with made-up signatures arrive at once (the finding), then each gets 401 while still sending and nothing reaches the spool', async () => {
    // The form of signature the feed took until now, as the finding sent it.
    const headers = forged({ 'x-signature': `sha256=${randomBytes(32).toString('hex')}` });
    const answers = await Promise.all([rawUpload(app.url, { headers, body: LARGE }).answer, rawUpload(app.url, { headers, body: LARGE }).answer]);
    // Nothing was written: no file was ever created in the spool folder.
    expect(created).toEqual([]);
    for (const a of answers) {
      // Refused while the client was still sending: the body was not read first.
      expect(a).toMatchObject({ status: 401, finishedBeforeAnswer: false });
      expect(a.sentBeforeAnswer).toBeLessThan(LARGE / 2);
      expect(a.body).toEqual({ error: { code: 'MISSING_SIGNATURE', message: expect.any(String) } });
      // The connection is closed rather than the rest of the body read and thrown away.
      expect(a.headers.connection).toBe('close');
    }
  });

  const cases: { name: string; code: string; headers: () => Record<string, string> }[] = [
    {
      name: 'no signature headers at all',
      code: 'MISSING_SIGNATURE',
      headers: () => ({ 'content-type': 'application/x-ndjson', 'content-length': String(LARGE), 'x-feed-id': 'province' }),
    },
    { name: 'a made-up signature in the current form', code: 'BAD_SIGNATURE', headers: () => forged() },
    { name: 'a feed that is not configured', code: 'UNKNOWN_FEED', headers: () => forged({ 'x-feed-id': 'elsewhere' }) },
    // A real sender's headers, signed with the right key but for a body of another length.
    {
      name: 'a genuine signature over another length',
      code: 'BAD_SIGNATURE',
      headers: () => ({ ...feedRequestHeaders(app, batch(3)), 'content-length': String(LARGE) }),
    },
    {
      name: 'a genuine signature made 6 minutes ago',
      code: 'SIGNATURE_EXPIRED',
      headers: () => feedRequestHeaders(app, Buffer.alloc(LARGE), { at: new Date(app.clock.now().getTime() - 6 * 60_000) }),
    },
    {
      name: 'a genuine signature dated 6 minutes ahead',
      code: 'SIGNATURE_EXPIRED',
      headers: () => feedRequestHeaders(app, Buffer.alloc(LARGE), { at: new Date(app.clock.now().getTime() + 6 * 60_000) }),
    },
  ];
  for (const c of cases) {
    it(`when an upload of 40 MiB has ${c.name}, then 401 ${c.code} while the client is still sending, and nothing reaches the spool`, async () => {
      const a = await rawUpload(app.url, { headers: c.headers(), body: LARGE }).answer;
      expect(a).toMatchObject({ status: 401, body: { error: { code: c.code } }, finishedBeforeAnswer: false });
      expect(a.sentBeforeAnswer).toBeLessThan(LARGE / 2);
      expect(created).toEqual([]);
      expect(await heldStates()).toEqual([]);
    });
  }

  it('when the sender waits for "100 Continue" (Expect: 100-continue, as the sender CLI and curl do), then a refused upload sends no byte of its body, and an accepted one goes through', async () => {
    const refused = await rawUpload(app.url, { headers: forged({ expect: '100-continue' }), body: LARGE }).answer;
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'BAD_SIGNATURE' } }, sentBeforeAnswer: 0 });
    const body = batch(3);
    const accepted = await rawUpload(app.url, { headers: { ...feedRequestHeaders(app, body), expect: '100-continue' }, body: Buffer.from(body) }).answer;
    expect(accepted).toMatchObject({ status: 202, body: { accepted: 3 }, finishedBeforeAnswer: true });
    // Other routes continue at once, as before.
    const other = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${app.url}/api/auth/sms-codes`,
        { method: 'POST', headers: { 'content-type': 'application/json', expect: '100-continue', 'x-forwarded-for': '10.254.0.2' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject).on('continue', () => req.end('{"phone":"13800000000"}'));
      req.flushHeaders();
    });
    expect(other).toBe(202);
  });

  it('when an accepted request is sent again as it was, then 401 SIGNATURE_REPLAYED, nothing is spooled and nothing applies again', async () => {
    const body = batch(2);
    const headers = feedRequestHeaders(app, body);
    expect((await rawUpload(app.url, { headers, body: Buffer.from(body) }).answer).status).toBe(202);
    await app.db.query('DELETE FROM provincial_states');
    created = [];
    // Even minutes later, within the window, and whatever the feed is doing meanwhile.
    app.clock.advance(4 * 60_000);
    expect(await rawUpload(app.url, { headers, body: Buffer.from(body) }).answer).toMatchObject({
      status: 401,
      body: { error: { code: 'SIGNATURE_REPLAYED' } },
    });
    expect(created).toEqual([]);
    expect(await heldStates()).toEqual([]);
  });

  it('when the upload is chunked (no Content-Length), then 411 LENGTH_REQUIRED; when it declares more than the largest batch, then 413; nothing is spooled', async () => {
    const { 'content-length': _, ...chunked } = forged();
    const a = await rawUpload(app.url, { headers: chunked, body: LARGE }).answer;
    expect(a).toMatchObject({ status: 411, body: { error: { code: 'LENGTH_REQUIRED' } }, finishedBeforeAnswer: false });
    const huge = await rawUpload(app.url, { headers: forged({ 'content-length': String(65 * MiB) }), body: 65 * MiB }).answer;
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } }, finishedBeforeAnswer: false });
    expect(created).toEqual([]);
  });
});

describe('one upload per feed, and a cap on the spool', () => {
  it('when a second upload of the same feed arrives while one is in progress, then 409 FEED_UPLOAD_IN_PROGRESS with Retry-After; another feed is not held up; the first completes', async () => {
    const first = batch(200);
    const held = rawUpload(app.url, { headers: feedRequestHeaders(app, first), body: Buffer.from(first), pauseAfter: 1000 });
    await held.paused;
    // The first is admitted once its spool file exists.
    await expect.poll(() => readdir(spoolDir).then((names) => names.length)).toBe(1);

    const second = batch(1);
    const refused = await postBatch(app, second);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'FEED_UPLOAD_IN_PROGRESS', retryAfterSeconds: 5 } } });
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await readdir(spoolDir)).toHaveLength(1);

    expect(await postBatch(app, batch(1), { feed: 'district' })).toMatchObject({ status: 202, body: { accepted: 1 } });

    held.resume();
    expect(await held.answer).toMatchObject({ status: 202, body: { lines: 200, accepted: 200 } });
    // Sent again, signed afresh (its first signature was used), the second goes through.
    app.clock.advance(1000);
    expect(await postBatch(app, second)).toMatchObject({ status: 202, body: { accepted: 1 } });
  });

  it('when uploads in progress would together exceed PROVINCIAL_SPOOL_MAX_MB, then 429 SPOOL_FULL with Retry-After before anything is written; a smaller one that fits goes through', async () => {
    const small = await startTestApp({
      env: { PROVINCIAL_FEEDS: FEEDS, PROVINCIAL_SPOOL_DIR: spoolDir, PROVINCIAL_MAX_BATCH_MB: '1', PROVINCIAL_SPOOL_MAX_MB: '1' },
    });
    try {
      const big = ndjson(Array.from({ length: 3000 }, (_, i) => feedLine(small, { idNumber: generatedIdNumber(i), color: 'green', version: 1 })));
      expect(Buffer.byteLength(big)).toBeGreaterThan(0.5 * MiB);
      const held = rawUpload(small.url, { headers: feedRequestHeaders(small, big), body: Buffer.from(big), pauseAfter: 1000 });
      await held.paused;
      await expect.poll(() => readdir(spoolDir).then((names) => names.length)).toBe(1);

      const tooBig = await rawUpload(small.url, { headers: feedRequestHeaders(small, Buffer.alloc(600 * 1024), { feed: 'district' }), body: 600 * 1024 })
        .answer;
      expect(tooBig).toMatchObject({ status: 429, body: { error: { code: 'SPOOL_FULL', retryAfterSeconds: 5 } }, headers: { 'retry-after': '5' } });
      expect(await readdir(spoolDir)).toHaveLength(1);

      const fits = ndjson([feedLine(small, { idNumber: newIdNumber(), color: 'red', version: 1 })]);
      expect(await postBatch(small, fits, { feed: 'district' })).toMatchObject({ status: 202, body: { accepted: 1 } });

      held.resume();
      expect(await held.answer).toMatchObject({ status: 202, body: { accepted: 3000 } });
    } finally {
      await small.close();
    }
  });
});

describe('a body that is not the one signed', () => {
  it('when the body differs from its signed SHA-256, then 400 DIGEST_MISMATCH, nothing applies and the spool file is removed', async () => {
    const signed = batch(50);
    const altered = signed.replace('"yellow"', '"greenx"');
    const a = await rawUpload(app.url, { headers: feedRequestHeaders(app, signed), body: Buffer.from(altered) }).answer;
    expect(a).toMatchObject({ status: 400, body: { error: { code: 'DIGEST_MISMATCH' } } });
    expect(await heldStates()).toEqual([]);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('when the body ends short of its Content-Length (connection cut), then nothing applies, the spool file is removed and the feed is free again', async () => {
    const body = batch(200);
    const cut = rawUpload(app.url, { headers: feedRequestHeaders(app, body), body: Buffer.from(body), pauseAfter: 1000 });
    await cut.paused;
    await expect.poll(() => readdir(spoolDir).then((names) => names.length)).toBe(1);
    cut.abort();
    await expect(cut.answer).rejects.toThrow();
    await expect.poll(() => readdir(spoolDir)).toEqual([]);
    // The lock is released just after the file is removed; each try is signed afresh.
    await expect
      .poll(async () => {
        app.clock.advance(1000);
        return (await postBatch(app, batch(1, 2))).status;
      })
      .toBe(202);
    expect((await heldStates()).map((s: { version: string }) => s.version)).toEqual(['2']);
  });
});
