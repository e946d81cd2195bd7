// Writes a Brotli (.br) and a gzip (.gz) copy beside every text asset of a build, once, at
// build time: the BFF's static server (koa-static → koa-send, `brotli`/`gzip` on by default)
// then answers a browser that accepts them with the smaller file and spends no CPU per request
// compressing the same bundle again. Files under 1 KiB, and copies no smaller than the
// original, are left out. Usage: node scripts/precompress.mjs <dir>
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/precompress.mjs <dir>');
  process.exit(2);
}
let before = 0;
let after = 0;
for (const path of files(root)) {
  const body = readFileSync(path);
  for (const [ext, packed] of [
    ['.br', () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
    ['.gz', () => gzipSync(body, { level: 9 })],
  ]) {
    rmSync(path + ext, { force: true });
    if (body.length < MIN_BYTES) continue;
    const out = packed();
    if (out.length < body.length) writeFileSync(path + ext, out);
  }
  if (body.length >= MIN_BYTES) {
    before += body.length;
    after += statSync(path + '.br', { throwIfNoEntry: false })?.size ?? body.length;
  }
}
console.log(`precompressed ${root}: ${(before / 1024).toFixed(0)} KiB of text assets, ${(after / 1024).toFixed(0)} KiB as Brotli`);
