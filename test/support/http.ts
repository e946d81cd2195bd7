/** Thin fetch helpers for talking to the BFF as a client would. */
let ipSeq = 0;

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  /** Client address seen by the BFF (tests run with TRUST_PROXY_HOPS=1: this is the entry our proxy appended). */
  ip?: string;
  headers?: Record<string, string>;
  rawBody?: string;
}

/** A fresh client address, so per-IP limits of one test do not touch another. */
export function newIp(): string {
  ipSeq += 1;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

export async function call<T = any>(base: string, method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '10.255.255.1', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | undefined = opts.rawBody;
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(base + path, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text, the test will say so
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
