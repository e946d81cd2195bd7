import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { feedHeaders } from '../features/provincial';
import { runFeed } from './feed';

const dir = mkdtempSync(join(tmpdir(), 'yima-feed-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const ENV = {
  YIMA_DEV: '1',
  SMS_PROVIDER: 'outbox',
  PII_KEY: randomBytes(32).toString('base64'),
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  CODE_SIGNING_KEYS: `1:${randomBytes(32).toString('base64')}`,
  PROVINCIAL_FEEDS: `province:${key(1)}`,
  NUCLEIC_ACID_FEEDS: `lab:${key(2)}`,
  VACCINATION_FEEDS: `vaccines:${key(3)}`,
};

async function run(...args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runFeed(args, ENV, (l) => out.push(l));
  return { code, out };
}

describe('npm run feed -- --kind', () => {
  it('when generating with --kind, then the file holds that kind of line; without it, provincial lines as before', async () => {
    const kinds = { 'nucleic-acid': 'sampleId', vaccination: 'dose', provincial: 'color' } as const;
    for (const [kind, field] of Object.entries(kinds)) {
      const out = join(dir, `${kind}.ndjson`);
      const args = ['generate', '--count', '6', '--version', '2', '--out', out, ...(kind === 'provincial' ? [] : ['--kind', kind])];
      expect((await run(...args)).code).toBe(0);
      const lines = readFileSync(out, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(6);
      expect(lines.every((l) => field in l && l.version === 2)).toBe(true);
    }
  });

  it("when printing headers with --kind, then they are signed with that kind's feed and key", async () => {
    const file = join(dir, 'signed.ndjson');
    expect((await run('generate', '--kind', 'nucleic-acid', '--count', '3', '--version', '1', '--out', file)).code).toBe(0);
    const { code, out } = await run('headers', '--kind', 'nucleic-acid', '--file', file);
    expect(code).toBe(0);
    const h = Object.fromEntries(out.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
    expect(h['x-feed-id']).toBe('lab');
    const expected = feedHeaders(Buffer.from(key(2), 'base64'), {
      feed: 'lab',
      timestamp: Number(h['x-feed-timestamp']),
      length: Number(h['content-length']),
      sha256: h['x-content-sha256'],
    });
    expect(h['x-signature']).toBe(expected['x-signature']);
  });

  it('when --kind is unknown, or names a feed its kind does not have, then it stops with a usage answer or an error', async () => {
    expect(await run('generate', '--kind', 'colours', '--count', '1', '--out', join(dir, 'x'))).toEqual({
      code: 2,
      out: ['--kind is one of provincial, nucleic-acid, vaccination'],
    });
    await expect(run('headers', '--kind', 'vaccination', '--feed', 'lab', '--file', join(dir, 'absent.ndjson'))).rejects.toThrow(
      'no such feed in VACCINATION_FEEDS',
    );
  });
});
