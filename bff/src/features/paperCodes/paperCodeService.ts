/**
 * Paper codes (SPEC C5): for people without a phone, a signed token of kind `paper`, valid for
 * days (PAPER_CODE_DAYS), printed with the colour at issue and the masked name. Issuing a new
 * one, or the colour turning worse, revokes the old one; the revocation list is published for
 * scanners that verify offline, and online verification always answers the current merged
 * colour. A paper code is only a pass: verifying it tells colour and masked name, nothing more.
 */
import { maskName, relationLabel, tokenId, type Color, type Locale, type PaperCodeView, type Relation } from '@yima/shared';
import type { Clock } from '../../clock';
import type { CodeSigner } from '../../crypto/codeSigner';
import type { Pii } from '../../crypto/pii';
import { AppError, badRequest } from '../../http/errors';
import type { PersonStates } from '../merge/personStates';
import type { PaperCodesRepo, PaperCodeRow } from './paperCodesRepo';

export interface PaperHolder {
  personId: string;
  idHash: Buffer;
  holderId: string;
  nameEnc: Buffer;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** China time, minutes: what is printed. */
export function chinaMinute(d: Date): string {
  const w = new Date(d.getTime() + 8 * 3600_000);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

export function createPaperCodeService(d: { repo: PaperCodesRepo; states: PersonStates; signer: CodeSigner; pii: Pii; clock: Clock; validDays: number }) {
  const sign = (holderId: string, color: Color, issuedAt: Date, expiresAt: Date, kid: number) =>
    d.signer.signWith(kid, { kind: 'paper', color, holderId, issuedAt: Math.floor(issuedAt.getTime() / 1000), expiresAt: Math.floor(expiresAt.getTime() / 1000) });

  return {
    async issue(issuedBy: string, holder: PaperHolder, filedBy: { name: string; relation: Relation; relationText: string | null } | null, locale: Locale): Promise<PaperCodeView> {
      // Whole seconds: the token carries seconds, and the print view signs the same fields again.
      let now = new Date(Math.floor(d.clock.now().getTime() / 1000) * 1000);
      const merged = await d.states.mergedFor(holder.idHash);
      let expiresAt = new Date(now.getTime() + d.validDays * 86400_000);
      let qr = sign(holder.holderId, merged.color, now, expiresAt, d.signer.kid);
      let id: string;
      const same = await d.repo.findByTokenId(tokenId(qr)!);
      if (same && !same.revokedAt) {
        // Printed twice within a second: the very same code, not a new one revoking it.
        id = same.id;
      } else {
        if (same) {
          // The identical token was issued and revoked within this second: make this one differ.
          now = new Date(now.getTime() + 1000);
          expiresAt = new Date(expiresAt.getTime() + 1000);
          qr = sign(holder.holderId, merged.color, now, expiresAt, d.signer.kid);
        }
        id = await d.repo.issue({ personId: holder.personId, tokenId: tokenId(qr)!, color: merged.color, kid: d.signer.kid, issuedBy, issuedAt: now, expiresAt });
      }
      return {
        id,
        qr,
        color: merged.color,
        issuedAt: now.toISOString(),
        validUntil: expiresAt.toISOString(),
        holder: { name: maskName(d.pii.decrypt('name', holder.nameEnc)) },
        filedBy: filedBy ? { name: maskName(filedBy.name), relation: relationLabel(filedBy.relation, filedBy.relationText, locale) } : null,
      };
    },

    /** The token of a stored paper code, signed again (Ed25519 is deterministic). */
    tokenOf(row: PaperCodeRow, holderId: string): string {
      const qr = sign(holderId, row.color, row.issuedAt, row.expiresAt, row.kid);
      if (tokenId(qr) !== row.tokenId) throw new AppError('NOT_FOUND', 'this paper code can no longer be printed', { status: 404 });
      return qr;
    },

    /** Online verification: signature, kind, time, revocation; then the current colour. */
    async verify(qr: string, holderByHolderId: (holderId: string) => Promise<PaperHolder | null>) {
      const now = d.clock.now();
      const check = d.signer.verify(qr.trim(), now);
      if (!check.ok) {
        if (check.problem === 'expired') throw badRequest('CODE_EXPIRED', 'this paper code has expired: print a new one');
        if (check.problem === 'badSignature') throw badRequest('BAD_SIGNATURE', 'the code’s signature does not verify: it was altered or forged');
        if (check.problem === 'unknownKey') throw badRequest('UNKNOWN_ISSUER', 'the code was not signed by this city');
        throw badRequest('INVALID_CODE', 'this is not a health code of a known format');
      }
      if (check.fields.kind !== 'paper') throw badRequest('INVALID_CODE', 'this is an on-screen code, not a paper code');
      const row = await d.repo.findByTokenId(tokenId(qr.trim())!);
      if (!row) throw badRequest('INVALID_CODE', 'this paper code was not issued here');
      if (row.revokedAt) throw badRequest('CODE_REVOKED', row.revokeReason === 'reissued' ? 'a newer paper code replaced this one' : 'the colour changed since printing: this paper code is void');
      const holder = await holderByHolderId(check.fields.holderId);
      if (!holder) throw badRequest('INVALID_CODE', 'the holder is unknown');
      const merged = await d.states.mergedFor(holder.idHash);
      return {
        color: merged.color,
        colorAtIssue: row.color,
        holder: { name: maskName(d.pii.decrypt('name', holder.nameEnc)) },
        validUntil: row.expiresAt.toISOString(),
        verifiedOffline: false,
      };
    },

    async revocationList() {
      const now = d.clock.now();
      return { generatedAt: now.toISOString(), entries: (await d.repo.revokedValid(now)).map((r) => ({ id: r.tokenId, expiresAt: r.expiresAt.toISOString() })) };
    },
  };
}

export type PaperCodeService = ReturnType<typeof createPaperCodeService>;
