/**
 * Receives a signed batch body: streamed to a temporary file (constant memory, whatever its
 * size) while its HMAC is computed, so nothing of it is applied before the signature over
 * the whole body has been checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../http/errors';

export interface Spooled {
  path: string;
  bytes: number;
  /** Whether the body's HMAC equals the one claimed. */
  signatureOk: boolean;
  remove(): Promise<void>;
}

/** `X-Signature: sha256=<64 hex>` → the 32 claimed bytes, or null when malformed. */
export function parseSignatureHeader(header: string | undefined): Buffer | null {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  return m ? Buffer.from(m[1], 'hex') : null;
}

export async function spoolSigned(body: NodeJS.ReadableStream, key: Buffer, claimed: Buffer, maxBytes: number): Promise<Spooled> {
  const dir = await mkdtemp(join(tmpdir(), 'yima-batch-'));
  const path = join(dir, 'body.ndjson');
  const remove = () => rm(dir, { recursive: true, force: true });
  const mac = createHmac('sha256', key);
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new AppError('PAYLOAD_TOO_LARGE', `a batch may hold at most ${Math.round(maxBytes / 1048576)} MiB; split it`, { status: 413 }));
      mac.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(path));
  } catch (err) {
    await remove();
    if (err instanceof AppError) throw err;
    throw new AppError('INVALID_REQUEST', 'the batch body could not be read to its end', { status: 400 });
  }
  const actual = mac.digest();
  return { path, bytes, signatureOk: actual.length === claimed.length && timingSafeEqual(actual, claimed), remove };
}
