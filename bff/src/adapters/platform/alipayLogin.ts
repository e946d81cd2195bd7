/**
 * Alipay mini-program login: `my.getAuthCode({scopes:'auth_base'})` gives the client an auth
 * code; we exchange it with the OpenAPI method alipay.system.oauth.token for the user id.
 * Requests are signed RSA2 (SHA256withRSA) with our app key; the answer's signature is
 * checked against Alipay's public key over the raw JSON text of the response node, so a
 * forged or altered answer never logs anyone in.
 * https://opendocs.alipay.com/common/02kf5q (signing), .../02ku2h (verifying)
 *
 * Written with node:crypto rather than alipay-sdk: we need one call, and the SDK brings an
 * HTTP client and dozens of packages for it (docs/decisions/0003-platform-adapters.md).
 */
import { createSign, createVerify } from 'node:crypto';
import { PlatformCodeRejected, PlatformUnavailable, fetchWithDeadline, type PlatformLogin } from './platformLogin';

const METHOD = 'alipay.system.oauth.token';
const SUCCESS_NODE = 'alipay_system_oauth_token_response';
/** sub_codes that mean the auth code itself is no good. */
const CODE_ERRORS = new Set(['isv.code-invalid', 'isv.invalid-auth-code', 'isv.auth-code-expired']);

export interface AlipayConfig {
  gateway: string;
  appId: string;
  privateKey: string;
  publicKey: string;
}

/** The string Alipay signs: non-empty params sorted by key, `k=v` joined with `&`. */
export function alipaySignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** Alipay timestamps are Beijing time, `yyyy-MM-dd HH:mm:ss`. */
export function beijingTimestamp(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The raw JSON text of `node` in `{"node":{…},"sign":"…"}` exactly as Alipay signed it
 * (re-serialising the parsed object would not reproduce it byte for byte). */
export function extractSignedNode(body: string, node: string): string | null {
  const keyAt = body.indexOf(`"${node}"`);
  const start = keyAt < 0 ? -1 : body.indexOf('{', keyAt);
  const signAt = body.lastIndexOf('"sign"');
  if (start < 0 || signAt < start) return null;
  const end = body.lastIndexOf('}', signAt);
  return end > start ? body.slice(start, end + 1) : null;
}

export function createAlipayLogin(cfg: AlipayConfig, timeoutMs: number, now: () => Date = () => new Date()): PlatformLogin {
  return {
    platform: 'alipay',
    async exchange(authCode) {
      const params: Record<string, string> = {
        app_id: cfg.appId,
        method: METHOD,
        format: 'JSON',
        charset: 'utf-8',
        sign_type: 'RSA2',
        timestamp: beijingTimestamp(now()),
        version: '1.0',
        grant_type: 'authorization_code',
        code: authCode,
      };
      params.sign = createSign('RSA-SHA256').update(alipaySignContent(params), 'utf8').sign(cfg.privateKey, 'base64');
      const res = await fetchWithDeadline(
        cfg.gateway,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params).toString() },
        timeoutMs,
        'Alipay oauth.token',
      );
      if (!res.ok) throw new PlatformUnavailable(`Alipay oauth.token: HTTP ${res.status}`);
      const text = await res.text();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new PlatformUnavailable('Alipay oauth.token: answer is not JSON');
      }
      const node = SUCCESS_NODE in body ? SUCCESS_NODE : 'error_response';
      const content = body[node] as Record<string, unknown> | undefined;
      const signed = extractSignedNode(text, node);
      const sign = body.sign;
      const verified = typeof sign === 'string' && signed !== null && createVerify('RSA-SHA256').update(signed, 'utf8').verify(cfg.publicKey, sign, 'base64');
      if (!content || !verified) throw new PlatformUnavailable('Alipay oauth.token: answer failed signature verification');
      if (node === 'error_response' || (content.code !== undefined && content.code !== '10000')) {
        const subCode = String(content.sub_code ?? '');
        if (CODE_ERRORS.has(subCode)) throw new PlatformCodeRejected(`Alipay rejected the auth code (${subCode})`);
        throw new PlatformUnavailable(`Alipay oauth.token: ${String(content.code)} ${subCode}`);
      }
      const userId = content.open_id ?? content.user_id;
      if (typeof userId !== 'string' || userId.length === 0 || userId.length > 128) {
        throw new PlatformUnavailable('Alipay oauth.token: no user id in the answer');
      }
      return userId;
    },
  };
}
