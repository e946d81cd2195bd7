/**
 * Provincial batches from the command line (demos and the benchmark):
 *   npm run feed -- generate --count 100000 --version 2 [--from 0] [--red 0.01] [--yellow 0.04] --out batch.ndjson
 *       writes the NDJSON and prints the X-Signature for it (key: the feed's in PROVINCIAL_FEEDS)
 *   npm run feed -- send --file batch.ndjson [--url http://127.0.0.1:8080] [--feed province]
 *       posts it signed and prints the BFF's answer
 */
import { createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { loadConfig } from '../config';
import { batchLines } from '../features/provincial/batchGenerator';

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
    const { key } = feedKey(env, arg(args, 'feed'));
    const mac = createHmac('sha256', key);
    const file = createWriteStream(out);
    const lines = batchLines({ count, version, from: Number(arg(args, 'from') ?? 0), red: Number(arg(args, 'red') ?? 0.01), yellow: Number(arg(args, 'yellow') ?? 0.04), effectiveAt: new Date() });
    for (const line of lines) {
      mac.update(line);
      if (!file.write(line)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
    print(`wrote ${count} lines to ${out}`);
    print(`X-Signature: sha256=${mac.digest('hex')}`);
    return 0;
  }
  if (command === 'send') {
    const path = arg(args, 'file');
    if (!path) {
      print('usage: send --file FILE [--url URL] [--feed ID]');
      return 2;
    }
    const { id, key } = feedKey(env, arg(args, 'feed'));
    const mac = createHmac('sha256', key);
    for await (const chunk of createReadStream(path)) mac.update(chunk as Buffer);
    const url = new URL('/api/provincial/batches', arg(args, 'url') ?? `http://127.0.0.1:${env.PORT ?? 8080}`);
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'x-feed-id': id, 'x-signature': `sha256=${mac.digest('hex')}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      });
      req.on('error', reject);
      createReadStream(path).pipe(req);
    });
    print(answer);
    return answer.startsWith('202') ? 0 : 1;
  }
  print('commands: generate, send');
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
