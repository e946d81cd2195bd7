/**
 * The personal code (SPEC C3): colour from the check-in rules (the merge of other sources
 * arrives with C4), reasons with what to do, and a fresh signed token for the QR.
 */
import { evaluateCheckin, reasonText, type Color, type LocalState, type ReasonCode } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { CodeSigner } from '../../crypto/codeSigner';
import { unauthorized } from '../../http/errors';
import { hashToken, isToken, userIdOf, type SessionStore } from '../auth/sessions';
import { registrationRequired } from '../checkins/checkinService';
import type { RiskAreaCache } from '../riskAreas/riskAreaCache';
import type { CodeState, CodeStateStore } from './codeState';
import type { HotCache } from './hotCache';
import { createTokenCache, type CachedToken } from './tokenCache';
import { createLocalCache } from '../../cache/localCache';

export interface CodeReason {
  source: string;
  color: Color;
  reasonCode: ReasonCode;
  reason: string;
  guidance: string;
  setBy: string;
  effectiveAt: string | null;
}

export function createCodeService(d: {
  sessions: SessionStore;
  states: CodeStateStore;
  hot: HotCache;
  riskAreas: RiskAreaCache;
  signer: CodeSigner;
  clock: Clock;
  codes: Config['codes'];
}) {
  const tokens = createTokenCache(d.codes.tokenReuseSeconds);
  const answers = createLocalCache<{ key: string; json: string }>(d.codes.tokenReuseSeconds * 1000, 200_000);

  /** A token for this holder and colour: reused if signed moments ago, else signed now. */
  function tokenFor(holderId: string, color: Color, now: Date) {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const key = `${holderId}:${color}:${d.signer.kid}`;
    const cached = tokens.get(key, nowSeconds);
    if (cached) return cached;
    const expiresAt = nowSeconds + d.codes.tokenTtlSeconds;
    const fresh = { qr: d.signer.sign({ kind: 'screen', color, holderId, issuedAt: nowSeconds, expiresAt }), issuedAt: nowSeconds, expiresAt };
    tokens.set(key, fresh);
    return fresh;
  }

  const loggedOut = () => unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');

  /** Session and code state: from this process's cache when both are there and the session
   * has not expired, else from Redis in one MGET (rebuilt from MySQL if out of date). */
  async function stateFor(bearer: string): Promise<CodeState> {
    if (!isToken(bearer)) throw loggedOut();
    const tokenHash = hashToken(bearer);
    const userId = userIdOf(bearer);
    const session = d.hot.sessions.get(tokenHash);
    if (session && Date.parse(session.expiresAt) > d.clock.now().getTime()) {
      const cached = d.hot.states.get(userId);
      if (cached) return cached;
    }
    const generation = d.hot.generation();
    const found = await d.sessions.resolveWith(bearer, d.states.keysFor);
    if (!found) {
      d.hot.sessions.delete(tokenHash);
      throw loggedOut();
    }
    const state = d.states.fromCache(found.values) ?? (await d.states.rebuild(userId, Number(found.values[1] ?? 0)));
    if (!state) throw unauthorized('UNAUTHENTICATED', 'please log in again');
    if (d.hot.generation() === generation) {
      d.hot.sessions.set(tokenHash, found.session);
      d.hot.states.set(userId, state);
    }
    return state;
  }

  /** The answer's body, for a state, its evaluated check-in and its token. */
  function render(state: CodeState, local: LocalState, token: CachedToken) {
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
      qr: token.qr,
      // When this QR was made (a reused token keeps its time): what the page shows.
      generatedAt: new Date(token.issuedAt * 1000).toISOString(),
      expiresAt: new Date(token.expiresAt * 1000).toISOString(),
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
  }

  return {
    /** The code page's answer as JSON text. When nothing it shows has changed (same state
     * version, token and reasons), the text made moments ago is sent again: building and
     * serialising the answer is a large share of a cached request. */
    async myCodeJson(bearer: string): Promise<string> {
      const state = await stateFor(bearer);
      if (!state.personId || !state.holderId) throw registrationRequired();
      const now = d.clock.now();
      const checkin = state.checkin ? { answers: state.checkin.answers, checkedInAt: new Date(state.checkin.checkedInAt) } : null;
      const local = evaluateCheckin(checkin, await d.riskAreas.current(), now);
      const token = tokenFor(state.holderId, local.color, now);
      const key = `${state.version}|${token.qr}|${local.reasons.join(',')}`;
      const memo = answers.get(state.userId);
      if (memo?.key === key) return memo.json;
      const json = JSON.stringify(render(state, local, token));
      answers.set(state.userId, { key, json });
      return json;
    },
  };
}

export type CodeService = ReturnType<typeof createCodeService>;
