/**
 * Paper codes (SPEC C5): for people without a phone, a signed token of kind `paper`, valid for
 * days (PAPER_CODE_DAYS), printed with the colour at issue and the masked name. Viewing shows
 * the valid one and never issues; replacing it is an explicit request (issue 10, finding 5:
 * opening the page used to void the printed card). Replacing, or the colour turning worse,
 * revokes the old one; the revocation list is published for scanners that verify offline, and
 * every online verifier refuses a revoked code. A paper code is only a pass: verifying it
 * tells colour and masked name, nothing more, and only to whom may ask (routes.ts).
 */
import { DomainError, SEVERITY, maskName, tokenId, type Color, type PaperCodeView, type Relation } from '@yima/shared';
import type { Clock } from '../../clock';
import type { CodeSigner } from '../../crypto/codeSigner';
import type { Pii } from '../../crypto/pii';
import type { UsersRepo } from '../identity';
import type { PersonStates } from '../personState';
import type { PaperCodesRepo, PaperCodeRow } from './paperCodesRepo';
import { paperCodesPolicy } from './policy';
import type { PrintCard } from './printView';

export interface PaperHolder {
  personId: string;
  idHash: Buffer;
  holderId: string;
  nameEnc: Buffer;
}

/** Who files for the holder (their name, unmasked here) and the relation the holder was filed
 * as; answers carry it as data, the app and the printed card word it. */
export interface FiledBy {
  name: string;
  relation: Relation;
  relationText: string | null;
}

/** Who files for a person now (features/dependents answers it; passed in by app.ts, since
 * dependents issues paper codes through this feature). */
export interface ActiveFilings {
  activeForPersons(personIds: string[]): Promise<{ filerUserId: string; filerNameEnc: Buffer | null; relation: Relation; relationText: string | null }[]>;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** China time, minutes: what is printed. */
export function chinaMinute(d: Date): string {
  const w = new Date(d.getTime() + 8 * 3600_000);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

export function createPaperCodeService(d: {
  repo: PaperCodesRepo;
  users: Pick<UsersRepo, 'findById' | 'personById'>;
  filings: ActiveFilings;
  states: PersonStates;
  signer: CodeSigner;
  pii: Pii;
  clock: Clock;
  validDays: number;
  issuerId: string;
}) {
  const sign = (holderId: string, color: Color, issuedAt: Date, expiresAt: Date, kid: number) =>
    d.signer.signWith(kid, {
      kind: 'paper',
      color,
      holderId,
      issuedAt: Math.floor(issuedAt.getTime() / 1000),
      expiresAt: Math.floor(expiresAt.getTime() / 1000),
    });

  /** The token of a stored paper code, signed again (Ed25519 is deterministic). */
  function tokenOf(row: PaperCodeRow, holderId: string): string {
    const qr = sign(holderId, row.color, row.issuedAt, row.expiresAt, row.kid);
    if (tokenId(qr) !== row.tokenId) throw new DomainError('NOT_FOUND', 'this paper code can no longer be printed');
    return qr;
  }

  /** What anyone may be told about a void card: why it is void ("the colour changed") is the
   * holder's health, told only to whom may verify online (routes.ts). */
  const voidCard = () => new DomainError('CODE_REVOKED', 'this paper code is void: do not let it pass; the holder may print a new one');

  /** The stored row of a paper code that still stands; 400 INVALID_CODE or CODE_REVOKED otherwise
   * (saying why only when `tellWhy`). */
  async function standingRow(id: string, tellWhy: boolean): Promise<PaperCodeRow> {
    const row = await d.repo.findByTokenId(id);
    if (!row) throw new DomainError('INVALID_CODE', 'this paper code was not issued here');
    if (row.revokedAt && !tellWhy) throw voidCard();
    if (row.revokedAt)
      throw new DomainError(
        'CODE_REVOKED',
        row.revokeReason === 'reissued' ? 'a newer paper code replaced this one' : 'the colour changed since printing: this paper code is void',
      );
    return row;
  }

  function viewOf(row: PaperCodeRow, holder: PaperHolder, filedBy: FiledBy | null): PaperCodeView {
    return {
      id: row.id,
      qr: tokenOf(row, holder.holderId),
      color: row.color,
      issuedAt: row.issuedAt.toISOString(),
      validUntil: row.expiresAt.toISOString(),
      holder: { name: maskName(d.pii.decrypt('name', holder.nameEnc)) },
      filedBy: filedBy ? { name: maskName(filedBy.name), relation: filedBy.relation, relationText: filedBy.relationText } : null,
    };
  }

  return {
    /** The holder's valid paper code, as the page shows it; null when there is none. Never issues. */
    async current(holder: PaperHolder, filedBy: FiledBy | null): Promise<PaperCodeView | null> {
      const row = await d.repo.current(holder.personId, d.clock.now());
      return row ? viewOf(row, holder, filedBy) : null;
    },

    /**
     * Issues a paper code. A holder who has a valid one gets 409 PAPER_CODE_EXISTS unless
     * `replace` is set: replacing voids the card the family printed, so it is its own action.
     * The same request again within the same second (a double tap, a retry) answers the very
     * same card, whether or not it says `replace`.
     */
    async issue(issuedBy: string, holder: PaperHolder, filedBy: FiledBy | null, replace: boolean): Promise<PaperCodeView> {
      // Whole seconds: the token carries seconds, and the print view signs the same fields again.
      const now = new Date(Math.floor(d.clock.now().getTime() / 1000) * 1000);
      const merged = await d.states.mergedFor(holder.idHash);
      const row = await d.repo.withPersonLocked(holder.personId, async (tx) => {
        let issuedAt = now;
        let expiresAt = new Date(now.getTime() + d.validDays * 86400_000);
        let qr = sign(holder.holderId, merged.color, issuedAt, expiresAt, d.signer.kid);
        const same = await tx.findByTokenId(tokenId(qr)!);
        if (same && !same.revokedAt) return same;
        if ((await tx.current(now)) && !replace) {
          throw new DomainError(
            'PAPER_CODE_EXISTS',
            'a valid paper code was already issued: show it again, or send replace:true to issue a new one — the printed card then stops working',
          );
        }
        if (same) {
          // The identical token was issued and revoked within this second: make this one differ.
          issuedAt = new Date(issuedAt.getTime() + 1000);
          expiresAt = new Date(expiresAt.getTime() + 1000);
          qr = sign(holder.holderId, merged.color, issuedAt, expiresAt, d.signer.kid);
        }
        const fields = { tokenId: tokenId(qr)!, color: merged.color, kid: d.signer.kid, issuedBy, issuedAt, expiresAt };
        const id = await tx.replaceWith(fields);
        return { id, personId: holder.personId, ...fields, revokedAt: null, revokeReason: null };
      });
      return viewOf(row, holder, filedBy);
    },

    tokenOf,

    /**
     * The print-ready card of paper code `codeId` for account `userId`: only the holder's own
     * account, or someone filing for them now, may print it (404 otherwise; the holder's own
     * account prints what others issued only once verified); 410 CODE_REVOKED once void. The
     * card is worded in the printing account's language.
     */
    async printable(userId: string, codeId: string): Promise<PrintCard> {
      const row = await d.repo.find(codeId);
      const person = row ? await d.users.personById(row.personId) : null;
      if (!row || !person) throw new DomainError('NOT_FOUND', 'no such paper code');
      const filings = await d.filings.activeForPersons([row.personId]);
      // Printing asks who the account is, never its roles: no grants are read for it.
      const mayPrint = paperCodesPolicy.can({ userId, grants: [] }, 'printPaperCode', {
        ownerUserId: person.ownerUserId,
        ownerVerified: person.ownerVerifiedAt !== null,
        issuedBy: row.issuedBy,
        filerUserIds: filings.map((f) => f.filerUserId),
      });
      if (!mayPrint) throw new DomainError('NOT_FOUND', 'no such paper code');
      const filing = filings.find((f) => f.filerUserId === userId);
      if (row.revokedAt) throw new DomainError('CODE_REVOKED', 'this paper code was replaced or voided: issue a new one', { situation: 'print' });
      const printer = await d.users.findById(userId);
      return {
        qr: tokenOf(row, person.holderId),
        color: row.color,
        name: maskName(d.pii.decrypt('name', person.nameEnc)),
        validUntil: chinaMinute(row.expiresAt),
        filedBy: filing?.filerNameEnc
          ? { name: maskName(d.pii.decrypt('name', filing.filerNameEnc)), relation: filing.relation, relationText: filing.relationText }
          : null,
        issuer: d.issuerId,
        locale: printer?.locale ?? 'zh',
      };
    },

    /**
     * Online verification: signature, kind, time; then `authorise` (the caller may refuse,
     * before anything about the holder is told); then revocation and the current colour.
     */
    async verify(
      qr: string,
      holderByHolderId: (holderId: string) => Promise<PaperHolder | null>,
      authorise: (holder: PaperHolder) => Promise<void> = async () => undefined,
    ) {
      const now = d.clock.now();
      const check = d.signer.verify(qr.trim(), now);
      if (!check.ok) {
        if (check.problem === 'expired') throw new DomainError('CODE_EXPIRED', 'this paper code has expired: print a new one');
        if (check.problem === 'badSignature') throw new DomainError('BAD_SIGNATURE', 'the code’s signature does not verify: it was altered or forged');
        if (check.problem === 'unknownKey') throw new DomainError('UNKNOWN_ISSUER', 'the code was not signed by this city');
        throw new DomainError('INVALID_CODE', 'this is not a health code of a known format');
      }
      if (check.fields.kind !== 'paper') throw new DomainError('INVALID_CODE', 'this is an on-screen code, not a paper code');
      const holder = await holderByHolderId(check.fields.holderId);
      if (!holder) throw new DomainError('INVALID_CODE', 'the holder is unknown');
      await authorise(holder);
      const row = await standingRow(tokenId(qr.trim())!, true);
      const merged = await d.states.mergedFor(holder.idHash);
      return {
        color: merged.color,
        colorAtIssue: row.color,
        holder: { name: maskName(d.pii.decrypt('name', holder.nameEnc)) },
        validUntil: row.expiresAt.toISOString(),
        verifiedOffline: false,
      };
    },

    /**
     * For verifiers that answer the colour printed in the token (recognitions): one of our
     * paper codes must still stand — issued here, not revoked — and the holder must not be
     * worse now than printed (revocation follows a worse colour; this also covers the moment
     * between a change and its revocation). Any logged-in account may ask, so a void card is
     * one answer whether it was reprinted or its holder turned worse.
     */
    async assertStanding(qr: string, holder: PaperHolder | null): Promise<void> {
      const row = await standingRow(tokenId(qr.trim())!, false);
      if (!holder) throw new DomainError('INVALID_CODE', 'the holder is unknown');
      const merged = await d.states.mergedFor(holder.idHash);
      if (SEVERITY[merged.color] > SEVERITY[row.color]) throw voidCard();
    },

    async revocationList() {
      const now = d.clock.now();
      return {
        generatedAt: now.toISOString(),
        entries: (await d.repo.revokedValid(now)).map((r) => ({ id: r.tokenId, expiresAt: r.expiresAt.toISOString() })),
      };
    },
  };
}

export type PaperCodeService = ReturnType<typeof createPaperCodeService>;
