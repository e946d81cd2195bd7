/**
 * The personal code (SPEC C3): colour from the check-in rules (the merge of other sources
 * arrives with C4), reasons with what to do, and a fresh signed token for the QR.
 */
import { evaluateCheckin, reasonText, type Color, type ReasonCode } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { CodeSigner } from '../../crypto/codeSigner';
import { unauthorized } from '../../http/errors';
import { redisKeys } from '../../redisKeys';
import type { SessionStore } from '../auth/sessions';
import { registrationRequired } from '../checkins/checkinService';
import type { RiskAreaCache } from '../riskAreas/riskAreaCache';
import type { CodeState, CodeStateStore } from './codeState';

export interface CodeReason {
  source: string;
  color: Color;
  reasonCode: ReasonCode;
  reason: string;
  guidance: string;
  setBy: string;
  effectiveAt: string | null;
}

export function createCodeService(d: { sessions: SessionStore; states: CodeStateStore; riskAreas: RiskAreaCache; signer: CodeSigner; clock: Clock; codes: Config['codes'] }) {
  async function stateFor(bearer: string): Promise<CodeState> {
    const found = await d.sessions.resolveWith(bearer, redisKeys.codeStatePrefix);
    if (!found) throw unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');
    const state = found.value ? d.states.parse(found.value) : await d.states.rebuild(found.session.userId);
    if (!state) throw unauthorized('UNAUTHENTICATED', 'please log in again');
    return state;
  }

  return {
    async myCode(bearer: string) {
      const state = await stateFor(bearer);
      if (!state.personId || !state.holderId) throw registrationRequired();
      const now = d.clock.now();
      const checkin = state.checkin ? { answers: state.checkin.answers, checkedInAt: new Date(state.checkin.checkedInAt) } : null;
      const local = evaluateCheckin(checkin, await d.riskAreas.current(), now);
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = issuedAt + d.codes.tokenTtlSeconds;
      const qr = d.signer.sign({ kind: 'screen', color: local.color, holderId: state.holderId, issuedAt, expiresAt });
      const asOf = local.checkedInAt?.toISOString() ?? null;
      const reasons: CodeReason[] =
        local.color === 'green'
          ? []
          : local.reasons.map((code) => {
              const { text, guidance } = reasonText(code, state.locale);
              return { source: 'checkin', color: local.color, reasonCode: code, reason: text, guidance, setBy: 'self-declaration', effectiveAt: asOf };
            });
      return {
        color: local.color,
        qr,
        generatedAt: now.toISOString(),
        expiresAt: new Date(expiresAt * 1000).toISOString(),
        refreshAfterSeconds: d.codes.refreshSeconds,
        holder: { name: state.name, idNumber: state.idNumber },
        decidedBy: 'checkin',
        reasons,
        sources: [{ source: 'checkin', color: local.color, asOf, stale: false }],
        checkin: {
          lastAt: asOf,
          dueAt: local.checkedInAt ? new Date(local.checkedInAt.getTime() + 3 * 86400_000).toISOString() : null,
          due: local.reasons.includes('NO_CHECKIN') || local.reasons.includes('CHECKIN_OVERDUE'),
        },
        // No nucleic-acid or vaccination feed is connected yet; the page hides these when null.
        nucleicAcid: null,
        vaccination: null,
      };
    },
  };
}

export type CodeService = ReturnType<typeof createCodeService>;
