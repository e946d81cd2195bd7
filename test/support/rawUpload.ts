/**
 * An upload over a plain node:http request, for what fetch cannot show: how much of the body
 * had been sent when the answer came (a server that refuses before reading answers while
 * the client is still sending), a body sent in two parts with a pause between, a body cut
 * short, a chunked one, or one held back until "100 Continue".
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawAnswer {
  status: number;
  body: any;
  headers: IncomingHttpHeaders;
  /** Body bytes the client had handed to the socket when the answer's headers arrived. */
  sentBeforeAnswer: number;
  /** Whether the whole body had been handed over by then. */
  finishedBeforeAnswer: boolean;
}

export interface RawUpload {
  /** Resolves with the answer; the client stops sending as soon as it arrives. */
  answer: Promise<RawAnswer>;
  /** Resolves once `pauseAfter` bytes are sent (at once when there is no pause). */
  paused: Promise<void>;
  /** Sends the rest of the body after a pause. */
  resume(): void;
  /** Cuts the connection (the body ends short of its Content-Length). */
  abort(): void;
}

export interface RawUploadOptions {
  headers: Record<string, string>;
  /** The body, or a length to send in zero-filled 1 MiB pieces (its content never matters then). */
  body: Buffer | number;
  /** Stop after this many bytes until resume() or abort(). */
  pauseAfter?: number;
  /** The feed route (default the provincial one). */
  path?: string;
}

/** With `Expect: 100-continue`, the body waits for "100 Continue" (or is never sent). */
const expectsContinue = (headers: Record<string, string>) =>
  Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'expect' && v.toLowerCase() === '100-continue');

const PIECE = Buffer.alloc(1 << 20, 0x7b);

export function rawUpload(url: string, o: RawUploadOptions): RawUpload {
  const total = typeof o.body === 'number' ? o.body : o.body.length;
  const pieceAt = (offset: number, end: number) =>
    typeof o.body === 'number' ? PIECE.subarray(0, Math.min(PIECE.length, end - offset)) : o.body.subarray(offset, Math.min(end, offset + PIECE.length));
  let sent = 0;
  let answered = false;
  let onPaused!: () => void;
  let onResume!: () => void;
  const paused = new Promise<void>((resolve) => (onPaused = resolve));
  const resumed = new Promise<void>((resolve) => (onResume = resolve));
  const req = request(`${url}${o.path ?? '/api/provincial/batches'}`, { method: 'POST', headers: { 'x-forwarded-for': '10.254.0.1', ...o.headers } });

  const answer = new Promise<RawAnswer>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      const at = { sentBeforeAnswer: sent, finishedBeforeAnswer: sent === total };
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: the test will say so
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers, ...at });
      });
      res.on('error', reject);
    });
    // Once answered, a server that closes the connection breaks the rest of our body: expected.
    req.on('error', (err) => (answered ? undefined : reject(err)));
  });

  async function send(): Promise<void> {
    if (expectsContinue(o.headers)) {
      req.flushHeaders();
      await new Promise<void>((resolve) => req.once('continue', resolve).once('response', resolve).once('close', resolve));
    }
    const write = async (end: number) => {
      while (sent < end && !answered && !req.destroyed) {
        const piece = pieceAt(sent, end);
        sent += piece.length;
        if (!req.write(piece)) await new Promise<void>((resolve) => req.once('drain', resolve).once('close', resolve));
      }
    };
    await write(Math.min(total, o.pauseAfter ?? total));
    onPaused();
    if (o.pauseAfter !== undefined && o.pauseAfter < total) {
      await resumed;
      await write(total);
    }
    if (!answered && !req.destroyed) req.end();
  }
  void send();

  return {
    answer,
    paused,
    resume: onResume,
    abort: () => req.destroy(),
  };
}
