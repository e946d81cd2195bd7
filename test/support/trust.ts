/** Verifies a QR token the way an outside scanner would: with the BFF's published trust
 * list and the pure-JS verifier from shared, not the BFF's own code path. */
import { nobleVerify, verifyToken, type TokenCheck } from '@yima/shared';
import { call } from './http';

export async function verifyWithTrustList(base: string, token: string, now: Date): Promise<TokenCheck> {
  const list = await call<{ keys: { kid: number; publicKey: string }[] }>(base, 'GET', '/api/trust-list');
  const keys = new Map(list.body.keys.map((k) => [k.kid, new Uint8Array(Buffer.from(k.publicKey, 'base64'))]));
  return verifyToken(token, { now, publicKey: (kid) => keys.get(kid), verify: nobleVerify });
}
