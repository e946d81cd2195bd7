/**
 * Feed batches from the command line (demos and the benchmark). `--kind` picks the feed:
 * `provincial` (the default: colour states, PROVINCIAL_FEEDS), `nucleic-acid` (test results,
 * NUCLEIC_ACID_FEEDS) or `vaccination` (doses, VACCINATION_FEEDS); each has its own route and keys.
 *   npm run feed -- generate [--kind K] --count 100000 --version 2 [--from 0] --out batch.ndjson
 *       writes the NDJSON and prints its length and SHA-256; provincial: [--red 0.01] [--yellow 0.04];
 *       nucleic-acid: [--rounds 3] [--positive 0.002] (count lines = count / rounds people)
 *   npm run feed -- send [--kind K] --file batch.ndjson [--url http://127.0.0.1:8080] [--feed ID]
 *       signs it now (key: the feed's, of its kind), posts it and prints the BFF's answer
 *   npm run feed -- headers [--kind K] --file batch.ndjson [--feed ID]
 *       prints the signed headers for another client (curl -H …); valid for the signature
 *       window (5 minutes by default) and for one request
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { loadConfig } from '../config';
import { batchLines, feedHeaders, fileDigest, PROVINCIAL_BATCH_PATH } from '../features/provincial';
import { BATCH_PATHS, nucleicAcidBatchLines, vaccinationBatchLines } from '../features/healthFeeds';

const KINDS = ['provincial', 'nucleic-acid', 'vaccination'] as const;
type Kind = (typeof KINDS)[number];
const SETTING: Record<Kind, string> = { provincial: 'PROVINCIAL_FEEDS', 'nucleic-acid': 'NUCLEIC_ACID_FEEDS', vaccination: 'VACCINATION_FEEDS' };
const PATHS: Record<Kind, string> = { provincial: PROVINCIAL_BATCH_PATH, ...BATCH_PATHS };

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function feedKey(env: Record<string, string | undefined>, kind: Kind, feed: string | undefined): { id: string; key: Buffer } {
  const config = loadConfig(env);
  const feeds = { provincial: config.provincial.feeds, 'nucleic-acid': config.healthFeeds.nucleicAcid, vaccination: config.healthFeeds.vaccination }[kind];
  const id = feed ?? [...feeds.keys()][0];
  const key = id ? feeds.get(id) : undefined;
  if (!id || !key) throw new Error(`no such feed in ${SETTING[kind]}`);
  return { id, key };
}

/** `--kind`, default provincial (the uses before the health feeds keep working). */
function kindOf(args: string[]): Kind | null {
  const kind = arg(args, 'kind') ?? 'provincial';
  return (KINDS as readonly string[]).includes(kind) ? (kind as Kind) : null;
}

/** The headers for a file, signed now: each request gets its own signature (replays are refused). */
async function signedHeaders(env: Record<string, string | undefined>, args: string[], kind: Kind, path: string): Promise<Record<string, string>> {
  const { id, key } = feedKey(env, kind, arg(args, 'feed'));
  const digest = await fileDigest(path);
  return { 'content-type': 'application/x-ndjson', ...feedHeaders(key, { feed: id, timestamp: Math.floor(Date.now() / 1000), ...digest }) };
}

export async function runFeed(args: string[], env: Record<string, string | undefined>, print: (line: string) => void): Promise<number> {
  const [command] = args;
  const kind = kindOf(args);
  if (!kind) {
    print(`--kind is one of ${KINDS.join(', ')}`);
    return 2;
  }
  if (command === 'generate') {
    const out = arg(args, 'out');
    const count = Number(arg(args, 'count') ?? 1000);
    const version = Number(arg(args, 'version') ?? Math.floor(Date.now() / 1000));
    if (!out || !Number.isInteger(count) || count < 1 || !Number.isSafeInteger(version) || version < 1) {
      print('usage: generate [--kind K] --count N --version V [--from I] [--red R] [--yellow Y] [--rounds N] [--positive P] --out FILE');
      return 2;
    }
    const file = createWriteStream(out);
    const from = Number(arg(args, 'from') ?? 0);
    const lines =
      kind === 'provincial'
        ? batchLines({ count, version, from, red: Number(arg(args, 'red') ?? 0.01), yellow: Number(arg(args, 'yellow') ?? 0.04), effectiveAt: new Date() })
        : kind === 'nucleic-acid'
          ? nucleicAcidBatchLines({
              count,
              version,
              from,
              rounds: Number(arg(args, 'rounds') ?? 3),
              positive: Number(arg(args, 'positive') ?? 0.002),
              at: new Date(),
            })
          : vaccinationBatchLines({ count, version, from });
    for (const line of lines) {
      if (!file.write(line)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
    const { length, sha256 } = await fileDigest(out);
    print(`wrote ${count} lines (${length} bytes) to ${out}`);
    print(`SHA-256: ${sha256} (send signs it when sending)`);
    return 0;
  }
  const path = arg(args, 'file');
  if (command === 'headers') {
    if (!path) {
      print('usage: headers [--kind K] --file FILE [--feed ID]');
      return 2;
    }
    for (const [name, value] of Object.entries(await signedHeaders(env, args, kind, path))) print(`${name}: ${value}`);
    return 0;
  }
  if (command === 'send') {
    if (!path) {
      print('usage: send [--kind K] --file FILE [--url URL] [--feed ID]');
      return 2;
    }
    const headers = await signedHeaders(env, args, kind, path);
    const url = new URL(PATHS[kind], arg(args, 'url') ?? `http://127.0.0.1:${env.PORT ?? 8080}`);
    const answer = await new Promise<string>((resolve, reject) => {
      // `Expect: 100-continue`: the body goes only once the BFF has accepted the headers, so a
      // refusal (bad key, clock off, another upload running) costs no upload.
      const req = request(url, { method: 'POST', headers: { ...headers, expect: '100-continue' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.on('continue', () => {
        createReadStream(path, { highWaterMark: 1 << 20 })
          .on('error', reject)
          .pipe(req);
      });
      req.flushHeaders();
    });
    print(answer);
    return answer.startsWith('202') ? 0 : 1;
  }
  print('commands: generate, send, headers');
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runFeed(process.argv.slice(2), process.env, (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
