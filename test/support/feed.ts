/** Posting feed batches (provincial, nucleic-acid, vaccination) as their senders would: NDJSON with signed headers (feedAuth.ts). */
import { signBody } from '@yima/bff/src/features/provincial';
import { call, type Reply } from './http';
import type { TestApp } from './testApp';

export interface FeedLine {
  idNumber: string;
  color: string;
  reasonCode?: string;
  reasonText?: string;
  setBy?: string;
  effectiveAt?: string;
  version: number;
}

export const ndjson = (lines: (FeedLine | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

/** A full line with defaults: effective now (the app's clock), set by the province. */
export function feedLine(app: TestApp, over: Partial<FeedLine> & { idNumber: string; color: string; version: number }): FeedLine {
  return { reasonCode: 'PROV_CODE', reasonText: '省平台赋码', setBy: '省健康码平台', effectiveAt: app.clock.now().toISOString(), ...over };
}

/** A nucleic-acid line (contract nucleicAcidLine) with defaults: a negative sample taken 30 h
 * before the app's clock in 广州, reported 10 h later. Extra keys pass through (bad lines). */
export interface NucleicAcidFeedLine {
  idNumber: string;
  sampleId: string;
  sampledAt: string;
  result: string;
  institution: string;
  lab: string;
  reportedAt: string;
  region: string;
  version: number;
}
export function nucleicAcidFeedLine(app: TestApp, over: Partial<NucleicAcidFeedLine> & { idNumber: string } & Record<string, unknown>): NucleicAcidFeedLine {
  const ago = (h: number) => new Date(app.clock.now().getTime() - h * 3600_000).toISOString();
  return {
    sampleId: 'S1',
    sampledAt: ago(30),
    result: 'negative',
    institution: '越秀区人民医院采样点',
    lab: '广州金域医学检验中心',
    reportedAt: ago(20),
    region: '广州市',
    version: 1,
    ...over,
  };
}

/** A vaccination line (contract vaccinationLine) with defaults: a first dose in 广州. */
export function vaccinationFeedLine(over: Record<string, unknown> & { idNumber: string }) {
  return { dose: 1, date: '2021-05-01', product: '北京生物新冠灭活疫苗', site: '越秀区接种点', region: '广州市', version: 1, ...over };
}

/** Which route and which configured feeds: each kind has its own keys. */
export type FeedKind = 'provincial' | 'nucleic-acid' | 'vaccination';
export const FEED_PATHS: Record<FeedKind, string> = {
  provincial: '/api/provincial/batches',
  'nucleic-acid': '/api/feeds/nucleic-acid/batches',
  vaccination: '/api/feeds/vaccination/batches',
};
/** The test app's feeds of a kind (testKeys in testApp.ts). */
export function feedsOf(app: TestApp, kind: FeedKind): ReadonlyMap<string, Buffer> {
  if (kind === 'provincial') return app.config.provincial.feeds;
  return kind === 'nucleic-acid' ? app.config.healthFeeds.nucleicAcid : app.config.healthFeeds.vaccination;
}
/** The feed a kind signs as by default: `province`, the lab `lab`, `vaccines`. */
const DEFAULT_FEED: Record<FeedKind, string> = { provincial: 'province', 'nucleic-acid': 'lab', vaccination: 'vaccines' };

export interface SignOptions {
  /** The route, and whose keys sign (default provincial). */
  kind?: FeedKind;
  /** Feed named in X-Feed-Id and signed (default the kind's first); null sends no X-Feed-Id. */
  feed?: string | null;
  /** Key that signs (default: the feed's configured key, of its kind). */
  key?: Buffer;
  /** Signing time (default: the app's clock now). */
  at?: Date;
  /** Body whose length and digest are signed (default: the body sent). */
  signedBody?: string | Buffer;
}

/** The signed headers for `body`, as a sender makes them, Content-Type and Content-Length included. */
export function feedRequestHeaders(app: TestApp, body: string | Buffer, o: SignOptions = {}): Record<string, string> {
  const kind = o.kind ?? 'provincial';
  const feed = o.feed ?? DEFAULT_FEED[kind];
  const key = o.key ?? feedsOf(app, kind).get(feed) ?? Buffer.alloc(32);
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', ...signBody(key, feed, o.signedBody ?? body, o.at ?? app.clock.now()) };
  if (o.feed === null) delete headers['x-feed-id'];
  return headers;
}

/** Posts a batch signed now; `headers` replaces (or, with '', removes) single headers. */
export async function postBatch(app: TestApp, body: string, opts: SignOptions & { headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers = { ...feedRequestHeaders(app, body, opts), ...opts.headers };
  for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
  // fetch frames the body itself (test/security/feedUploads.test.ts sends raw requests).
  delete headers['content-length'];
  return call(app.url, 'POST', FEED_PATHS[opts.kind ?? 'provincial'], undefined, { rawBody: body, headers });
}
