/**
 * Provincial batches from the command line (demos and the benchmark):
 *   npm run feed -- generate --count 100000 --version 2 [--from 0] [--red 0.01] [--yellow 0.04] --out batch.ndjson
 *       writes the NDJSON and prints its length and SHA-256
 *   npm run feed -- send --file batch.ndjson [--url http://127.0.0.1:8080] [--feed province]
 *       signs it now (key: the feed's in PROVINCIAL_FEEDS), posts it and prints the BFF's answer
 *   npm run feed -- headers --file batch.ndjson [--feed province]
 *       prints the signed headers for another client (curl -H …); valid for the signature
 *       window (5 minutes by default) and for one request
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { loadConfig } from '../config';
import { batchLines } from '../features/provincial';
import { feedHeaders, fileDigest } from '../features/provincial';

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function feedKey(env: Record<string, string | undefined>, feed: string | undefined): { id: string; key: Buffer } {
  const feeds = loadConfig(env).provincial.feeds;
  const id = feed ?? [...feeds.keys()][0];
  const key = id ? feeds.get(id) : undefined;
  if (!id || !key) throw new Error('no such feed in PROVINCIAL_FEEDS');
  return { id, key };
}

/** The headers for a file, signed now: each request gets its own signature (replays are refused). */
async function signedHeaders(env: Record<string, string | undefined>, args: string[], path: string): Promise<Record<string, string>> {
  const { id, key } = feedKey(env, arg(args, 'feed'));
  const digest = await fileDigest(path);
  return { 'content-type': 'application/x-ndjson', ...feedHeaders(key, { feed: id, timestamp: Math.floor(Date.now() / 1000), ...digest }) };
}

export async function runFeed(args: string[], env: Record<string, string | undefined>, print: (line: string) => void): Promise<number> {
  const [command] = args;
  if (command === 'generate') {
    const out = arg(args, 'out');
    const count = Number(arg(args, 'count') ?? 1000);
    const version = Number(arg(args, 'version') ?? Math.floor(Date.now() / 1000));
    if (!out || !Number.isInteger(count) || count < 1 || !Number.isSafeInteger(version) || version < 1) {
      print('usage: generate --count N --version V [--from I] [--red R] [--yellow Y] --out FILE');
      return 2;
    }
    const file = createWriteStream(out);
    const lines = batchLines({
      count,
      version,
      from: Number(arg(args, 'from') ?? 0),
      red: Number(arg(args, 'red') ?? 0.01),
      yellow: Number(arg(args, 'yellow') ?? 0.04),
      effectiveAt: new Date(),
    });
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
      print('usage: headers --file FILE [--feed ID]');
      return 2;
    }
    for (const [name, value] of Object.entries(await signedHeaders(env, args, path))) print(`${name}: ${value}`);
    return 0;
  }
  if (command === 'send') {
    if (!path) {
      print('usage: send --file FILE [--url URL] [--feed ID]');
      return 2;
    }
    const headers = await signedHeaders(env, args, path);
    const url = new URL('/api/provincial/batches', arg(args, 'url') ?? `http://127.0.0.1:${env.PORT ?? 8080}`);
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
