/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256, for a JSON POST to "/".
 * https://cloud.tencent.com/document/api/1007/31324 (签名方法 v3). Written with node:crypto:
 * the FaceID SDK would bring a second copy of the common SDK for two calls.
 */
import { createHash, createHmac } from 'node:crypto';

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The Authorization header for `payload` sent to `host` for `service` at `timestamp` (s). */
export function tc3Authorization(p: { secretId: string; secretKey: string; service: string; host: string; payload: string; timestamp: number }): string {
  const date = new Date(p.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${TC3_CONTENT_TYPE}\nhost:${p.host}\n`, signedHeaders, sha256hex(p.payload)].join('\n');
  const scope = `${date}/${p.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(p.timestamp), scope, sha256hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${p.secretKey}`, date), p.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${p.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
