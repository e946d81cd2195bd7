/**
 * A check-in never lowers a provincial state or an authority's mark, under every merge policy
 * (issue 12: "authority marks and provincial states are never lowered by a check-in"). Under
 * `local-prevails` a healthy check-in newer than a provincial red used to decide: re-declaring
 * "healthy" turned the province's red green. Each policy runs its own app over HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MERGE_POLICIES } from '@yima/shared';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

const HOUR = 3600_000;
const HEALTHY = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '幸福路 1 号' } };

describe.each(MERGE_POLICIES)('under MERGE_POLICY=%s', (policy) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { MERGE_POLICY: policy } });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  const checkIn = (token: string) => call(app.url, 'POST', '/api/me/checkins', HEALTHY, { token });
  const code = async (token: string) => (await call(app.url, 'GET', '/api/me/code', undefined, { token })).body;

  it.each(['red', 'yellow'] as const)(
    'when the province says %s and the resident then checks in healthy, then the code keeps the province’s colour',
    async (color) => {
      const r = await registerResident(app.url);
      expect((await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color, version: 1 })]))).status).toBe(202);
      app.clock.advance(HOUR);
      expect((await checkIn(r.token)).status).toBe(201);
      expect(await code(r.token)).toMatchObject({ color, decidedBy: 'provincial' });
    },
  );

  it('when an authority marks the resident red and they then check in healthy, then the code stays red by the mark', async () => {
    const r = await registerResident(app.url);
    const cdc = await loginBySms(app.url);
    await grantRole(app, cdc.phone, 'authority', '440105');
    const mark = { idNumber: r.idNumber, color: 'red', reason: 'CLOSE_CONTACT', note: '', legalBasis: '《传染病防治法》第三十九条' };
    expect((await call(app.url, 'POST', '/api/marks', mark, { token: cdc.token })).status).toBe(201);
    app.clock.advance(HOUR);
    expect((await checkIn(r.token)).status).toBe(201);
    expect(await code(r.token)).toMatchObject({ color: 'red', decidedBy: 'mark:440105' });
  });
});
