/**
 * Verifying a resident's code without the network (SPEC C7): the guard's phone keeps the last
 * trust list (our keys and the regions we trust) and revocation list, and checks a scanned
 * token against them — signature, expiry (screen codes live minutes, paper ones days), and
 * whether a paper code was voided. Offline the colour is the one sealed in the token when it
 * was issued; the holder's name is not in the token, so it cannot be shown.
 *
 * Pure: no Taro, no clock — pass the lists and `now`. The page stores the lists (services/scans).
 */
import {
  nobleVerify,
  parseToken,
  scanVerdict,
  tokenId,
  verifyToken,
  type Color,
  type RevocationsAnswer,
  type TokenKind,
  type TrustListAnswer,
  type Verifier,
} from '@yima/shared';

/** `GET /api/trust-list` and `GET /api/revocations`, as the shared response schemas type them. */
export type { RevocationsAnswer, TrustListAnswer };

/** A public key (raw 32-byte Ed25519, base64) as the device keeps it: any `alg`, since a list stored by an older or newer build may
 * name one this build cannot use (such a key is skipped, never trusted). */
export type TrustKey = Omit<TrustListAnswer['keys'][number], 'alg'> & { alg: string };

/** The trust list as kept on the device: read back from storage, so checked, not trusted. */
export interface CachedTrustList {
  issuer: string;
  keys: TrustKey[];
  trusted: { id: string; name: string; keys: TrustKey[] }[];
  fetchedAt: string;
}

/** The revocation list as kept on the device: voided token ids and when each would expire
 * anyway (unix seconds) — after that the expiry check refuses the token, so it is pruned. */
export interface CachedRevocations {
  generatedAt: string;
  fetchedAt: string;
  entries: [id: string, expiresAt: number][];
}

export type OfflineProblem = 'INVALID_CODE' | 'UNKNOWN_ISSUER' | 'BAD_SIGNATURE' | 'CODE_EXPIRED' | 'CODE_REVOKED' | 'NO_TRUST_LIST';

export interface OfflineVerdict {
  ok: true;
  /** The colour when the token was issued. */
  color: Color;
  /** Green passes; every other colour is turned away, as online. */
  allowed: boolean;
  /** As the BFF names kinds: another region's code is 'recognised'. */
  kind: 'screen' | 'paper' | 'recognised';
  tokenKind: TokenKind;
  issuer: { id: string; name: string; own: boolean };
  expiresAt: Date;
  /** When the revocation list used was made by the BFF (null: none on the device). */
  revocationsAsOf: string | null;
}

export type OfflineCheck = OfflineVerdict | { ok: false; problem: OfflineProblem };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map(Array.from(B64, (c, i) => [c, i]));

/** Standard base64 (padding optional) to bytes, or null. Mini-programs have no atob. */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of clean) {
    const v = B64_VALUE.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

interface KeyEntry {
  kid: number;
  raw: Uint8Array;
  issuer: { id: string; name: string; own: boolean };
}

function keyEntries(list: Omit<CachedTrustList, 'fetchedAt'>): KeyEntry[] {
  const out: KeyEntry[] = [];
  const add = (k: TrustKey, issuer: KeyEntry['issuer']) => {
    const raw = k.alg === 'Ed25519' ? base64ToBytes(k.publicKey) : null;
    if (raw && raw.length === 32 && Number.isInteger(k.kid)) out.push({ kid: k.kid, raw, issuer });
  };
  for (const k of list.keys ?? []) add(k, { id: list.issuer, name: list.issuer, own: true });
  for (const t of list.trusted ?? []) for (const k of t.keys ?? []) add(k, { id: t.id, name: t.name, own: false });
  return out;
}

/** The revocation list in its on-device form, without entries that have expired by `now`. */
export function compactRevocations(answer: RevocationsAnswer, now: Date): CachedRevocations {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const entries: CachedRevocations['entries'] = [];
  for (const e of answer.entries ?? []) {
    const expires = Math.floor(Date.parse(e.expiresAt) / 1000);
    if (typeof e.id === 'string' && Number.isFinite(expires) && expires > nowSeconds) entries.push([e.id.toLowerCase(), expires]);
  }
  return { generatedAt: answer.generatedAt, fetchedAt: now.toISOString(), entries };
}

export interface OfflineLists {
  trustList: Omit<CachedTrustList, 'fetchedAt'> | null;
  revocations: CachedRevocations | null;
}

/**
 * Checks a scanned token as the BFF would, in the same order — format, issuer key, signature,
 * voided, time — so a forged token never reads as merely "expired". A key id may belong to
 * more than one issuer: each key with that id is tried.
 */
export function verifyOffline(qr: string, lists: OfflineLists, now: Date, verify: Verifier = nobleVerify): OfflineCheck {
  const text = qr.trim();
  const parsed = parseToken(text);
  if (!parsed.ok) return { ok: false, problem: 'INVALID_CODE' };
  if (!lists.trustList) return { ok: false, problem: 'NO_TRUST_LIST' };
  const candidates = keyEntries(lists.trustList).filter((k) => k.kid === parsed.fields.kid);
  if (!candidates.length) return { ok: false, problem: 'UNKNOWN_ISSUER' };
  let signedBy: KeyEntry | null = null;
  let timely = false;
  for (const candidate of candidates) {
    const check = verifyToken(text, { now, publicKey: () => candidate.raw, verify });
    if (check.ok || check.problem === 'expired' || check.problem === 'notYetValid') {
      signedBy = candidate;
      timely = check.ok;
      if (check.ok) break;
    }
  }
  if (!signedBy) return { ok: false, problem: 'BAD_SIGNATURE' };
  const id = tokenId(text);
  if (id && lists.revocations?.entries.some(([revoked]) => revoked === id)) return { ok: false, problem: 'CODE_REVOKED' };
  if (!timely) return { ok: false, problem: 'CODE_EXPIRED' };
  const { color, kind, expiresAt } = parsed.fields;
  return {
    ok: true,
    color,
    allowed: scanVerdict(color).allowed,
    kind: signedBy.issuer.own ? kind : 'recognised',
    tokenKind: kind,
    issuer: signedBy.issuer,
    expiresAt: new Date(expiresAt * 1000),
    revocationsAsOf: lists.revocations?.generatedAt ?? null,
  };
}
