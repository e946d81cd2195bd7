/**
 * Issue 13, decision 0026: a resident's nucleic-acid rounds and vaccinations, sent by the feeds,
 * on the open code page (the latest round with its badge, the doses) and on the records page
 * (every round and dose with its source and region, and how recent the data is).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody } from '@yima/bff/src/features/provincial';
import { ARTIFACTS, newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const H = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * H).toISOString();

/** Posts NDJSON to a feed route, signed with the e2e BFF's key of that feed. */
async function sendFeed(kind: 'nucleic-acid' | 'vaccination', feed: string, lines: object[]) {
  const configured = testEnv('e2e')[kind === 'nucleic-acid' ? 'NUCLEIC_ACID_FEEDS' : 'VACCINATION_FEEDS'];
  const key = configured
    .split(',')
    .map((pair) => pair.split(':'))
    .find(([id]) => id === feed)![1];
  const body = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  const posted = await call(env.bff().url, 'POST', `/api/feeds/${kind}/batches`, undefined, {
    rawBody: body,
    headers: { 'content-type': 'application/x-ndjson', ...signBody(Buffer.from(key, 'base64'), feed, body, new Date()) },
  });
  expect(posted).toMatchObject({ status: 202, body: { accepted: lines.length, rejectedCount: 0 } });
}

describe('tests and vaccinations in the H5 build', () => {
  it('when the feeds send a resident 14 rounds and 3 doses, then the open code page shows the latest negative round as within 48 h and the doses, and the records page lists every one with its source', async () => {
    const page = await newPage(env.browser());
    const me = await registerInBrowser(page, env.bff().url, { name: '林小雨' });
    await shown(page, '#tile-checkin').click();
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    expect(await shown(page, '#health-summary').textContent()).toContain('暂无核酸检测记录');

    // Fourteen rounds a day apart, the latest sampled 30 hours ago, one of them in 上海 sent by
    // that region's feed; three doses, the first given elsewhere.
    const rounds = Array.from({ length: 13 }, (_, i) => ({
      idNumber: me.idNumber,
      sampleId: `GZ${i}`,
      sampledAt: ago(30 + 24 * i),
      result: 'negative',
      institution: '朝阳区幸福里社区采样点',
      lab: '演示市疾控中心实验室',
      reportedAt: ago(20 + 24 * i),
      region: '演示市',
      version: 1,
    }));
    await sendFeed('nucleic-acid', 'lab', rounds);
    await sendFeed('nucleic-acid', 'province', [
      { ...rounds[0], sampleId: 'SH1', sampledAt: ago(400), reportedAt: ago(390), institution: '浦东新区采样点', lab: '上海市临床检验中心', region: '上海市' },
    ]);
    await sendFeed(
      'vaccination',
      'vaccines',
      [1, 2, 3].map((dose) => ({
        idNumber: me.idNumber,
        dose,
        date: `2021-0${dose + 3}-15`,
        product: '北京生物新冠灭活疫苗',
        site: dose === 1 ? '浦东新区接种点' : '朝阳区接种点',
        region: dose === 1 ? '上海市' : '演示市',
        version: 1,
      })),
    );

    // The open page learns of the change and shows it.
    await expect.poll(() => shown(page, '#health-test').getAttribute('data-badge'), { timeout: 10_000 }).toBe('48h');
    expect(await shown(page, '#health-test').textContent()).toContain('阴性 · 48小时内');
    expect(await shown(page, '#health-test').textContent()).toContain('演示市 · lab');
    expect(await shown(page, '#health-vaccination').textContent()).toContain('已接种 3 剂');
    await shown(page, '#health-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-health-code-zh.png') });

    await shown(page, '#health-summary').click();
    await expect.poll(() => shown(page, '#records-tests .record').count(), { timeout: 10_000 }).toBe(14);
    expect(await shown(page, '#records-doses .record').count()).toBe(3);
    expect(await shown(page, '#records-tests .record').last().textContent()).toContain('来源：上海市 · province');
    expect(await shown(page, '#records-doses .record').last().textContent()).toContain('来源：上海市 · vaccines');
    expect(await shown(page, '#records-tests-as-of').textContent()).toMatch(/^数据截至 今天 \d\d:\d\d$/);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-health-records-zh.png'), fullPage: true });

    await shown(page, '#lang-switch').click();
    await expect.poll(() => shown(page, '#records-tests-as-of').textContent()).toMatch(/^Data as of \d\d:\d\d today$/);
    expect(await shown(page, '#records-tests .record').first().textContent()).toContain('Negative');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-health-records-en.png'), fullPage: true });
    await shown(page, '#back').click();
    await expect.poll(() => shown(page, '#health-test').textContent()).toContain('Negative · within 48 h');
    await shown(page, '#elder-toggle').click();
    await shown(page, '#health-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-health-code-elder-en.png') });
    await page.context().close();
  });
});
