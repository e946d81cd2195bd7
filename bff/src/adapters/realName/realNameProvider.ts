/**
 * What the BFF needs from a real-name (face) verification provider: start a verification for
 * a name and ID number, giving the client what it needs to run it; then, server-side, fetch
 * the result from the provider. Nothing the client says about the outcome is trusted: only
 * what the provider answers the BFF (docs/decisions/0008-real-name-verification.md).
 */
import { createHash } from 'node:crypto';
import type { RealNameProviderName, VerificationClientParams } from '@yima/shared';

export interface RealNameSubject {
  /** Normalised, as on the ID card. */
  name: string;
  /** 18 characters, check character upper-case. */
  idNumber: string;
}

export interface StartedVerification {
  /** The provider's handle of this verification (BizToken, certify_id), kept server-side;
   * null where the provider hands the client its result instead (WeChat). */
  ref: string | null;
  client: VerificationClientParams;
}

/** Who the provider says was verified: in clear (FaceID), as MD5 digests (WeChat), or not
 * at all (Alipay, whose certify_id is bound to the name and ID number we initialised it with). */
export type ReportedIdentity = { kind: 'plain'; name: string; idNumber: string } | { kind: 'md5'; nameMd5: string; idNumberMd5: string } | { kind: 'bound' };

export type VerificationOutcome = { kind: 'passed'; reported: ReportedIdentity } | { kind: 'failed'; reason: string } | { kind: 'pending' };

export interface RealNameProvider {
  readonly name: RealNameProviderName;
  /** `verificationId` is ours (a random id), for providers that carry an order number. */
  start(subject: RealNameSubject, verificationId: string): Promise<StartedVerification>;
  /** The outcome, asked of the provider. `clientResult` is the client's hand-back (WeChat's
   * verify_result); `resultKey` is what must never complete a second verification. */
  result(input: { ref: string | null; clientResult: string | undefined; subject: RealNameSubject }): Promise<VerificationOutcome & { resultKey: string }>;
}

/** The provider failed, timed out or answered something we cannot trust (502). */
export class RealNameUnavailable extends Error {}

/** The provider does not know this verification or result, or it expired (not the user's
 * face: their handle). */
export class RealNameRejected extends Error {}

/** Does what the provider reports name the subject the verification was started for? */
export function reportedMatches(reported: ReportedIdentity, subject: RealNameSubject): boolean {
  if (reported.kind === 'bound') return true;
  if (reported.kind === 'plain') return reported.name.trim() === subject.name && reported.idNumber.trim().toUpperCase() === subject.idNumber;
  const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
  return reported.nameMd5.toLowerCase() === md5(subject.name) && reported.idNumberMd5.toLowerCase() === md5(subject.idNumber);
}

/** fetch with a deadline; network errors and time-outs become RealNameUnavailable. */
export async function providerFetch(url: string, init: RequestInit, timeoutMs: number, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'network error';
    throw new RealNameUnavailable(`${what}: ${reason}`);
  }
}

/** The body as JSON, or RealNameUnavailable; also reading the body is under the deadline. */
export async function jsonOf(res: Response, what: string): Promise<Record<string, unknown>> {
  if (!res.ok) throw new RealNameUnavailable(`${what}: HTTP ${res.status}`);
  try {
    const body = (await res.json()) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw new RealNameUnavailable(`${what}: answer is not a JSON object`);
}
