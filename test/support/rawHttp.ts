/**
 * One HTTP request with full control over what goes on the wire (node:http, not fetch):
 * any header (Content-Encoding, odd Content-Types, no Content-Length with chunked bodies),
 * bytes as given, a path sent verbatim. For the security tests and the fuzz suite.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as is: may hold unencoded or malformed percent sequences. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
  /** Abort and resolve with `status: 0` after this long (long polls hold the request). */
  timeoutMs?: number;
}

export interface RawReply {
  /** 0 when the request timed out (see timeoutMs). */
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  bytes: Buffer;
}

export function rawRequest(base: string, req: RawRequest): Promise<RawReply> {
  const url = new URL(base);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: Record<string, string> = { ...req.headers };
  if (body !== undefined && !req.chunked) headers['content-length'] = String(body.length);
  if (req.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: bytes.toString('utf8'), bytes });
      });
      res.on('error', reject);
    });
    let timedOut = false;
    if (req.timeoutMs) {
      r.setTimeout(req.timeoutMs, () => {
        timedOut = true;
        r.destroy();
        resolve({ status: 0, headers: {}, text: '', bytes: Buffer.alloc(0) });
      });
    }
    r.on('error', (err) => (timedOut ? undefined : reject(err)));
    if (body !== undefined) r.write(body);
    r.end();
  });
}
