import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPii } from '@yima/bff/src/crypto/pii';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';
import { verifyWithTrustList } from '../support/trust';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400) } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const H = 3600_000;
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const code = (token: string) => call(app.url, 'GET', '/api/me/code', undefined, { token });
const audit = (token: string) => call(app.url, 'GET', '/api/me/audit', undefined, { token });
const heldStates = async () => (await app.db.query<any[]>('SELECT version, color FROM provincial_states'))[0];

describe('provincial batches: authentication', () => {
  const body = () => ndjson([feedLine(app, { idNumber: newIdNumber(), color: 'red', version: 1 })]);

  it('when a signature header is missing or malformed, then 401 MISSING_SIGNATURE and nothing applies', async () => {
    const bad: Record<string, string>[] = [
      { 'x-signature': '' },
      { 'x-signature': 'sha256=abc' },
      { 'x-signature': `md5=${'a'.repeat(64)}` },
      { 'x-feed-timestamp': '' },
      { 'x-feed-timestamp': 'yesterday' },
      { 'x-content-sha256': '' },
      { 'x-content-sha256': 'z'.repeat(64) },
    ];
    for (const headers of bad) {
      expect(await postBatch(app, body(), { headers })).toMatchObject({ status: 401, body: { error: { code: 'MISSING_SIGNATURE' } } });
    }
    expect(await heldStates()).toEqual([]);
  });

  it('when the body was altered after signing, then 400 DIGEST_MISMATCH; signed with another key, 401 BAD_SIGNATURE; nothing applies', async () => {
    const signed = body();
    const tampered = signed.replace('"red"', '"rex"');
    expect(await postBatch(app, tampered, { signedBody: signed })).toMatchObject({ status: 400, body: { error: { code: 'DIGEST_MISMATCH' } } });
    expect(await postBatch(app, signed, { key: Buffer.alloc(32, 7) })).toMatchObject({ status: 401, body: { error: { code: 'BAD_SIGNATURE' } } });
    expect(await heldStates()).toEqual([]);
  });

  it('when the feed is unknown, then 401 UNKNOWN_FEED; when the body is not NDJSON or is compressed, then 415', async () => {
    expect(await postBatch(app, body(), { feed: 'elsewhere', key: app.config.provincial.feeds.get('province') })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNKNOWN_FEED' } },
    });
    expect(await postBatch(app, body(), { headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 415,
      body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    });
    expect(await postBatch(app, body(), { headers: { 'content-encoding': 'gzip' } })).toMatchObject({
      status: 415,
      body: { error: { code: 'UNSUPPORTED_CONTENT_ENCODING' } },
    });
    // With one feed configured X-Feed-Id may be left out (the signature covers the feed all the same).
    expect(await postBatch(app, body(), { feed: null })).toMatchObject({ status: 202, body: { accepted: 1 } });
    expect(await postBatch(app, body())).toMatchObject({ status: 202, body: { accepted: 1 } });
  });
});

describe('provincial batches: lines', () => {
  it('when some lines are malformed, then each is reported by line number and reason, and the good lines still apply', async () => {
    const good1 = feedLine(app, { idNumber: newIdNumber(), color: 'green', version: 5 });
    const good2 = feedLine(app, { idNumber: newIdNumber(), color: 'yellow', version: 5 });
    const lines = [
      good1,
      '{not json',
      feedLine(app, { idNumber: '440305198805151230', color: 'red', version: 5 }), // wrong check digit
      feedLine(app, { idNumber: newIdNumber(), color: 'purple', version: 5 }),
      feedLine(app, { idNumber: newIdNumber(), color: 'red', version: 0 }),
      feedLine(app, { idNumber: newIdNumber(), color: 'red', version: 5, effectiveAt: new Date(app.clock.now().getTime() + 2 * H).toISOString() }),
      JSON.stringify({ ...feedLine(app, { idNumber: newIdNumber(), color: 'red', version: 5 }), extra: 1 }),
      good2,
      'x'.repeat(5000),
    ];
    const res = await postBatch(app, ndjson(lines));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      lines: 9,
      accepted: 2,
      duplicates: 0,
      rejectedCount: 7,
      rejected: [
        { line: 2, code: 'INVALID_JSON', message: expect.any(String) },
        { line: 3, code: 'INVALID_ID_NUMBER', message: expect.stringContaining('check digit') },
        { line: 4, code: 'INVALID_COLOR', message: expect.any(String) },
        { line: 5, code: 'INVALID_LINE', message: expect.stringContaining('version') },
        { line: 6, code: 'FUTURE_EFFECTIVE_AT', message: expect.any(String) },
        { line: 7, code: 'INVALID_LINE', message: expect.any(String) },
        { line: 9, code: 'LINE_TOO_LONG', message: expect.any(String) },
      ],
    });
    const [rows] = await app.db.query<any[]>('SELECT color FROM provincial_states ORDER BY color');
    expect(rows.map((r) => r.color)).toEqual(['green', 'yellow']);
  });

  it('when a batch is replayed, then every line is a duplicate and nothing changes, history included', async () => {
    const r = await registerResident(app.url);
    const body = ndjson([
      feedLine(app, { idNumber: r.idNumber, color: 'red', version: 3 }),
      feedLine(app, { idNumber: newIdNumber(), color: 'green', version: 3 }),
    ]);
    expect((await postBatch(app, body)).body).toMatchObject({ accepted: 2, duplicates: 0 });
    const before = (await audit(r.token)).body.entries;
    app.clock.advance(60_000);
    expect((await postBatch(app, body)).body).toMatchObject({ accepted: 0, duplicates: 2, rejectedCount: 0 });
    expect((await audit(r.token)).body.entries).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('when an older version arrives after a newer one, then it never overwrites it — across batches and within one', async () => {
    const r = await registerResident(app.url);
    await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'red', version: 10 })]));
    const older = await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'green', version: 9 })]));
    expect(older.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await code(r.token)).body).toMatchObject({ color: 'red', decidedBy: 'provincial' });
    // Within one batch the newest version wins whatever the line order.
    const mixed = await postBatch(
      app,
      ndjson([feedLine(app, { idNumber: r.idNumber, color: 'green', version: 12 }), feedLine(app, { idNumber: r.idNumber, color: 'yellow', version: 11 })]),
    );
    expect(mixed.body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await code(r.token)).body).toMatchObject({ color: 'green', decidedBy: 'provincial' });
  });

  it('when a reason or its sender holds quotes, backslashes, question marks or SQL, then they are stored exactly as sent, and a replay is a duplicate', async () => {
    const reasonText = `O'Brien "密接" \\ C:\\path\\ ? ?? 100% _x_ 😷 \\'); --`;
    const setBy = `省平台'; DROP TABLE provincial_states; -- ?`;
    const body = ndjson([feedLine(app, { idNumber: newIdNumber(), color: 'red', version: 1, reasonText, setBy })]);
    expect((await postBatch(app, body)).body).toMatchObject({ accepted: 1, duplicates: 0, rejectedCount: 0 });
    const [rows] = await app.db.query<any[]>('SELECT reason_text, set_by, version FROM provincial_states');
    expect(rows).toEqual([{ reason_text: reasonText, set_by: setBy, version: '1' }]);
    app.clock.advance(1000);
    expect((await postBatch(app, body)).body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('when every line of a batch has its own reason, sender and time (more distinct values than one statement shares), then each row holds its own', async () => {
    const colors = ['green', 'yellow', 'red'] as const;
    const sent = Array.from({ length: 150 }, (_, i) => ({
      idNumber: newIdNumber(),
      color: colors[i % 3],
      version: 1 + i,
      reasonCode: `R_${i}`,
      reasonText: `省平台原因 ${i} '${'x'.repeat(i % 7)}`,
      setBy: `市平台 ${i}`,
      effectiveAt: new Date(app.clock.now().getTime() - i * 60_000).toISOString(),
    }));
    expect((await postBatch(app, ndjson(sent.map((s) => feedLine(app, s))))).body).toMatchObject({ accepted: 150, rejectedCount: 0 });
    const [rows] = await app.db.query<any[]>(
      'SELECT id_hash, color, reason_code, reason_text, set_by, effective_at, received_at, version FROM provincial_states',
    );
    const pii = createPii(app.config.piiKey, app.config.blindIndexKey);
    const held = new Map(rows.map((r) => [(r.id_hash as Buffer).toString('hex'), r]));
    for (const s of sent) {
      expect(held.get(pii.blindIndexHex('id_number', s.idNumber))).toMatchObject({
        color: s.color,
        reason_code: s.reasonCode,
        reason_text: s.reasonText,
        set_by: s.setBy,
        effective_at: new Date(s.effectiveAt),
        received_at: app.clock.now(),
        version: String(s.version),
      });
    }
  });
});

describe('provincial states on the code page', () => {
  it('when the province sends red for a registered resident, then the code and its QR turn red with the reason, who set it and the hotline', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    expect((await code(r.token)).body.color).toBe('green');
    const res = await postBatch(
      app,
      ndjson([
        feedLine(app, {
          idNumber: r.idNumber,
          color: 'red',
          reasonCode: 'PROV_CLOSE_CONTACT',
          reasonText: '省平台：密切接触者',
          setBy: '广东省健康码平台',
          version: 1,
        }),
      ]),
    );
    expect(res.body).toMatchObject({ accepted: 1 });
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({
      color: 'red',
      decidedBy: 'provincial',
      reasons: [
        {
          source: 'provincial',
          color: 'red',
          reasonCode: 'PROV_CLOSE_CONTACT',
          note: '省平台：密切接触者',
          setBy: '广东省健康码平台',
          hotline: expect.stringContaining('12345'),
        },
      ],
    });
    expect(page.sources).toEqual(
      expect.arrayContaining([
        { source: 'provincial', color: 'red', asOf: app.clock.now().toISOString(), stale: false },
        { source: 'checkin', color: 'green', asOf: expect.any(String), stale: false },
      ]),
    );
    expect(await verifyWithTrustList(app.url, page.qr, app.clock.now())).toMatchObject({ ok: true, fields: { color: 'red' } });
  });

  it('when the provincial state is 12 hours old, then it is shown as stale and no longer decides under most-severe', async () => {
    const r = await registerResident(app.url);
    await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'yellow', version: 1 })]));
    app.clock.advance(11 * H);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    expect((await code(r.token)).body).toMatchObject({ color: 'yellow', decidedBy: 'provincial' });
    app.clock.advance(H - 1);
    expect((await code(r.token)).body.sources.find((s: any) => s.source === 'provincial').stale).toBe(false);
    app.clock.advance(1);
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({ color: 'green', decidedBy: 'checkin' });
    expect(page.sources.find((s: any) => s.source === 'provincial')).toEqual({
      source: 'provincial',
      color: 'yellow',
      asOf: '2026-11-22T08:00:00.000Z',
      stale: true,
    });
  });

  it('when the province knows someone before they register, then the state is kept and applies, with a history entry, when they do', async () => {
    const idNumber = newIdNumber();
    expect(
      (await postBatch(app, ndjson([feedLine(app, { idNumber, color: 'yellow', reasonCode: 'PROV_MONITOR', reasonText: '健康监测', version: 7 })]))).body,
    ).toMatchObject({ accepted: 1 });
    const idHash = createPii(app.config.piiKey, app.config.blindIndexKey).blindIndex('id_number', idNumber);
    const [hist] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM colour_history WHERE id_hash = ?', [idHash]);
    expect(Number(hist[0].n)).toBe(0);
    app.clock.advance(H);
    const r = await registerResident(app.url, { idNumber });
    expect((await code(r.token)).body).toMatchObject({ color: 'yellow', decidedBy: 'provincial', reasons: [{ note: '健康监测' }] });
    // The first colour shown is recorded (off the request's path: wait for it).
    await expect
      .poll(async () => (await audit(r.token)).body.entries, { timeout: 3000 })
      .toEqual([
        {
          at: app.clock.now().toISOString(),
          from: 'grey',
          to: 'yellow',
          decidedBy: 'provincial',
          actor: '省健康码平台',
          reasonCode: 'PROV_MONITOR',
          params: {},
          note: '健康监测',
        },
      ]);
  });

  it('when a delta arrives while the code page waits for changes, then the wait ends at once and the page reads the new colour', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const first = (await code(r.token)).body;
    const waiting = call(app.url, 'GET', `/api/me/code/changes?since=${first.version}`, undefined, { token: r.token });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'red', version: 1 })]));
    expect((await waiting).body).toEqual({ changed: true });
    expect((await code(r.token)).body.color).toBe('red');
    // With an old version the answer is immediate; a bad one is a 400.
    expect((await call(app.url, 'GET', `/api/me/code/changes?since=${first.version}`, undefined, { token: r.token })).body).toEqual({ changed: true });
    expect(await call(app.url, 'GET', '/api/me/code/changes?since=abc', undefined, { token: r.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST' } },
    });
    expect(await call(app.url, 'GET', '/api/me/code/changes?since=1')).toMatchObject({ status: 401 });
  });
});

describe('large batches, read in worker threads', () => {
  it("when a registered person has a version in each reader's half of a batch, then their history tells only changes that applied, ending on the newest", async () => {
    // Two readers, two writers, 3-line chunks: a chunk from each half of the file is written at
    // once. Without the lock on the persons rows, two such chunks could both see "no state yet"
    // for the person (a locking read of a missing row locks nothing) and both write history.
    // A race: this catches it only when the two transactions overlap (it did not in three runs
    // of the old code here); it guards the order the lock now enforces.
    const viaWorker = await startTestApp({
      env: { PROVINCIAL_WORKER_ABOVE_BYTES: '0', PROVINCIAL_ROWS_PER_STATEMENT: '3', PROVINCIAL_READERS: '2', PROVINCIAL_WRITERS: '2' },
    });
    try {
      const residents: Awaited<ReturnType<typeof registerResident>>[] = [];
      for (let i = 0; i < 8; i++) residents.push(await registerResident(viaWorker.url));
      const pad = () => feedLine(viaWorker, { idNumber: newIdNumber(), color: 'green', version: 1 });
      const half = (color: 'red' | 'green', version: number) =>
        residents.flatMap((r) => [feedLine(viaWorker, { idNumber: r.idNumber, color, version }), pad(), pad()]);
      const res = await postBatch(viaWorker, ndjson([...half('red', 5), ...half('green', 6)]));
      expect(res.body).toMatchObject({ lines: 48, rejectedCount: 0 });
      const pii = createPii(viaWorker.config.piiKey, viaWorker.config.blindIndexKey);
      for (const r of residents) {
        const idHash = pii.blindIndex('id_number', r.idNumber);
        const [[state]] = await viaWorker.db.query<any[]>('SELECT color, version FROM provincial_states WHERE id_hash = ?', [idHash]);
        expect(state).toEqual({ color: 'green', version: '6' });
        const [hist] = await viaWorker.db.query<any[]>('SELECT old_color, new_color FROM colour_history WHERE id_hash = ? ORDER BY id', [idHash]);
        // One chain: each entry starts where the one before ended, and the last is the state held.
        for (let k = 1; k < hist.length; k++) expect(hist[k].old_color).toBe(hist[k - 1].new_color);
        expect(hist.at(-1).new_color).toBe('green');
      }
    } finally {
      await viaWorker.close();
    }
  });

  it('when a batch is read by three workers, one byte range each, then lines, line numbers, errors, duplicates and version order come out exactly as on the request thread', async () => {
    const viaWorker = await startTestApp({ env: { PROVINCIAL_WORKER_ABOVE_BYTES: '0', PROVINCIAL_ROWS_PER_STATEMENT: '3', PROVINCIAL_READERS: '3' } });
    try {
      const people = Array.from({ length: 7 }, () => newIdNumber());
      const lines = [
        ...people.map((idNumber, i) => feedLine(viaWorker, { idNumber, color: i % 2 ? 'yellow' : 'green', version: 2 })),
        '{broken',
        feedLine(viaWorker, { idNumber: people[0], color: 'red', version: 1 }), // older: a duplicate
        feedLine(viaWorker, { idNumber: people[1], color: 'red', version: 3 }), // newer: applies
        '',
        feedLine(viaWorker, { idNumber: '440305198805151230', color: 'red', version: 1 }),
      ];
      const res = await postBatch(viaWorker, ndjson(lines));
      // The readers run in parallel, so whether people[1]'s version 2 lands before or after its
      // version 3 varies (accepted 8 or 7); the outcome never does.
      expect(res.body.accepted + res.body.duplicates).toBe(9);
      expect(res.body.accepted).toBeGreaterThanOrEqual(7);
      expect(res.body).toEqual({
        lines: 12,
        accepted: res.body.accepted,
        duplicates: res.body.duplicates,
        rejectedCount: 2,
        rejected: [
          { line: 8, code: 'INVALID_JSON', message: expect.any(String) },
          { line: 12, code: 'INVALID_ID_NUMBER', message: expect.any(String) },
        ],
      });
      const [rows] = await viaWorker.db.query<any[]>('SELECT color, version FROM provincial_states ORDER BY version DESC, color');
      expect(rows[0]).toEqual({ color: 'red', version: '3' });
      expect(rows.slice(1).map((r) => r.version)).toEqual(['2', '2', '2', '2', '2', '2']);
      expect(rows.filter((r) => r.color === 'red')).toHaveLength(1);
      // A replay through the worker (re-signed: a signature is accepted once) changes nothing.
      viaWorker.clock.advance(1000);
      expect((await postBatch(viaWorker, ndjson(lines))).body).toMatchObject({ accepted: 0, duplicates: 9 });
    } finally {
      await viaWorker.close();
    }
  });
});
