/**
 * The personal code (SPEC C3, C4): the merged colour of the check-in, the provincial feed and
 * authority marks, explained (which source decided, how fresh each is, who set a mark and
 * how it is lifted), and a fresh signed token for the QR carrying that colour.
 */
import {
  DomainError,
  GREEN_VALID_MS,
  conversionRequestable,
  nextChinaMidnight,
  sourceKind,
  type Color,
  type HoldOutlook,
  type LocalState,
  type MergeResult,
  type TransitionPolicy,
  evaluateCheckin,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { CodeSigner } from '../../crypto/codeSigner';
import type { SessionStore } from '../auth';
import { registrationRequired } from '../identity';
import type { RiskAreaCache } from '../riskAreas';
import { evaluate, type CodeState, type CodeStateStore, type DriftSettler } from '../personState';
import type { HotCache } from './hotCache';
import type { IssuedTokens } from './issuedTokens';
import { createTokenCache, type CachedToken } from './tokenCache';
import { createLocalCache } from '../../cache/localCache';
import { explainMerge } from './explanation';
import { codeHealthFields } from '../healthRecords';

/** The merge shown to a restricted account (docs/decisions/0008): grey, from nothing. */
const UNVERIFIED: MergeResult = { color: 'grey', decidedBy: null, decider: null, reasons: [], sources: [] };

export function createCodeService(d: {
  sessions: SessionStore;
  states: CodeStateStore;
  hot: HotCache;
  riskAreas: RiskAreaCache;
  signer: CodeSigner;
  clock: Clock;
  codes: Config['codes'];
  merge: Config['merge'];
  transitions: TransitionPolicy;
  issued: IssuedTokens;
  /** Told of a colour that moved with time alone; its settler records it in the background. */
  drift: Pick<DriftSettler, 'notice'>;
  /** Told each time a person's code is shown (statistics' active people): in memory, no I/O,
   * so the busiest route waits for nothing more. */
  shown?: (personId: string, at: Date) => void;
}) {
  const shown = d.shown ?? (() => undefined);
  const tokens = createTokenCache(d.codes.tokenReuseSeconds);
  const answers = createLocalCache<{ key: string; json: string }>(d.codes.tokenReuseSeconds * 1000, 200_000);

  /** A token for this holder and colour: reused if signed moments ago, else signed now. */
  function tokenFor(holderId: string, color: Color, now: Date, userId: string | null) {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const key = `${holderId}:${color}:${d.signer.kid}`;
    const cached = tokens.get(key, nowSeconds);
    if (cached) return cached;
    const expiresAt = nowSeconds + d.codes.tokenTtlSeconds;
    const fresh = { qr: d.signer.sign({ kind: 'screen', color, holderId, issuedAt: nowSeconds, expiresAt }), issuedAt: nowSeconds, expiresAt };
    tokens.set(key, fresh);
    // Scanners online check our own tokens by digest (issuedTokens.ts). Registered on the
    // clock of this machine: the token's own times may come from a test clock.
    if (userId) d.issued.remember(fresh.qr, userId, Math.floor(Date.now() / 1000) + d.codes.tokenTtlSeconds);
    return fresh;
  }

  /** The check-in rules and the merge for a cached state, remembered per state object for up
   * to a second — but never past the next moment the result could change by itself (a source
   * going stale or expiring, a check-in going overdue, a risk period starting or ending) and
   * never across a change of the risk-area list. The busiest route asks again and again; a
   * changed state is a new object. */
  const evaluations = new WeakMap<
    CodeState,
    { at: number; validUntil: number; areas: unknown; local: LocalState; merged: MergeResult; outlook: HoldOutlook | null; mergeKey: string }
  >();
  async function evaluated(state: CodeState, now: Date) {
    const areas = await d.riskAreas.current();
    const t = now.getTime();
    const memo = evaluations.get(state);
    if (memo && memo.areas === areas && t >= memo.at && t < memo.validUntil) return memo;
    if (state.restricted) {
      // Neither the colour others reported nor a pass from the account's own check-in.
      const restricted = {
        at: t,
        validUntil: Number.MAX_SAFE_INTEGER,
        areas,
        local: evaluateCheckin(null, areas, now),
        merged: UNVERIFIED,
        outlook: null,
        mergeKey: 'restricted',
      };
      evaluations.set(state, restricted);
      return restricted;
    }
    const { local, merged, sources, outlook } = evaluate(state, areas, d.merge.policy, d.transitions, now);
    const held = outlook ? `${outlook.healthyDays}/${outlook.greenOn}` : '';
    const mergeKey = `${merged.decidedBy}|${local.reasons.join(',')}|${merged.sources.map((s) => (s.stale ? 1 : 0)).join('')}|${held}`;
    let validUntil = t + 1000;
    const consider = (at: number | undefined) => {
      if (at !== undefined && at > t && at < validUntil) validUntil = at;
    };
    for (const s of sources) {
      const limit = d.merge.policy.freshnessMs[sourceKind(s.source)];
      if (limit !== undefined) consider((s.asOf ?? s.effectiveAt).getTime() + limit);
      consider(s.expiresAt?.getTime());
    }
    if (local.checkedInAt) consider(local.checkedInAt.getTime() + GREEN_VALID_MS);
    // A hold's outlook (days so far, the green date) moves at midnight in China.
    if (outlook) consider(nextChinaMidnight(t));
    for (const a of areas) {
      consider(a.effectiveFrom.getTime());
      consider(a.effectiveTo?.getTime());
    }
    const fresh = { at: t, validUntil, areas, local, merged, outlook, mergeKey };
    evaluations.set(state, fresh);
    return fresh;
  }
  const loggedOut = () => new DomainError('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');

  /** Session and code state: from this process's cache when both are there and the session
   * has not expired — synchronously, so the busiest route waits for nothing — else from Redis
   * in one MGET (the session store's prefetch strategy), rebuilt from MySQL if out of date. */
  function resolve(bearer: string): CodeState | Promise<CodeState> {
    const ref = d.sessions.identify(bearer);
    if (!ref) throw loggedOut();
    const session = d.hot.sessions.get(ref.tokenHash);
    if (session && Date.parse(session.expiresAt) > d.clock.now().getTime()) {
      const cached = d.hot.states.get(ref.userId);
      if (cached) return cached;
    }
    return fetchState(bearer, ref.tokenHash, ref.userId);
  }

  async function fetchState(bearer: string, tokenHash: string, userId: string): Promise<CodeState> {
    const generation = d.hot.generation();
    const found = await d.sessions.resolveWith(bearer, d.states);
    if (!found) {
      d.hot.sessions.delete(tokenHash);
      throw loggedOut();
    }
    const state = d.states.fromCache(found.values) ?? (await d.states.rebuild(userId, Number(found.values[1] ?? 0)));
    if (!state) throw new DomainError('UNAUTHENTICATED', 'please log in again');
    if (d.hot.generation() === generation) {
      d.hot.sessions.set(tokenHash, found.session);
      d.hot.states.set(userId, state);
    }
    return state;
  }

  /** The answer's body, for a state, its merge and its token. */
  function render(state: CodeState, merged: MergeResult, outlook: HoldOutlook | null, lastCheckinAt: Date | null, due: boolean, token: CachedToken, now: Date) {
    const { color, decidedBy, reasons, sources } = explainMerge(merged, state.sources, d.merge.hotline, state.restricted, outlook);
    return {
      color,
      qr: token.qr,
      // When this QR was made (a reused token keeps its time): what the page shows.
      generatedAt: new Date(token.issuedAt * 1000).toISOString(),
      expiresAt: new Date(token.expiresAt * 1000).toISOString(),
      refreshAfterSeconds: d.codes.refreshSeconds,
      /** Pass to GET /api/me/code/changes to wait for the next change. */
      version: state.version,
      holder: { name: state.name, idNumber: state.idNumber },
      policy: d.merge.policy.name,
      decidedBy,
      reasons,
      sources,
      checkin: {
        lastAt: lastCheckinAt?.toISOString() ?? null,
        dueAt: lastCheckinAt ? new Date(lastCheckinAt.getTime() + 3 * 86400_000).toISOString() : null,
        due,
      },
      // The latest request comes with the cached state (decision 0022); none for a restricted account.
      conversion: state.restricted
        ? { requestable: false, latest: null }
        : { requestable: conversionRequestable(color, state.conversion ?? null), latest: state.conversion ?? null },
      // Cached with the state; the badge counts from now (decision 0026).
      ...codeHealthFields(state.health, now),
    };
  }

  return {
    /** Not null while the risk areas the answers are judged against are the last known list
     * (MariaDB did not answer their reload): since when. The code page marks itself degraded. */
    degradedSince: (): Date | null => d.riskAreas.staleSince(),
    /** The code page's answer as JSON text. When nothing it shows has changed (same state
     * version, token and reasons), the text made moments ago is sent again: building and
     * serialising the answer is a large share of a cached request. */
    async myCodeJson(state: CodeState): Promise<string> {
      if (!state.personId || !state.holderId) throw registrationRequired();
      const now = d.clock.now();
      const { local, merged, outlook, mergeKey } = await evaluated(state, now);
      if (!state.restricted && merged.color !== (state.recordedColor ?? 'grey')) d.drift.notice(state.idHash);
      shown(state.personId, now);
      const token = tokenFor(state.holderId, merged.color, now, state.userId);
      // The badge moves with time alone (24 h → 48 h): it is part of what the page shows.
      const key = `${state.version}|${token.qr}|${mergeKey}|${codeHealthFields(state.health, now).nucleicAcid?.badge ?? ''}`;
      const memo = answers.get(state.userId);
      if (memo?.key === key) return memo.json;
      const due = !state.restricted && (local.reasons.includes('NO_CHECKIN') || local.reasons.includes('CHECKIN_OVERDUE'));
      const json = JSON.stringify({
        ...render(state, merged, outlook, local.checkedInAt, due, token, now),
        ...(state.restricted ? { verificationRequired: true } : {}),
      });
      answers.set(state.userId, { key, json });
      return json;
    },

    /** A relative's code, shown by a filer (SPEC C5): the same answer, built per request (no
     * memo: the state is not versioned per account), with `extra` fields added. */
    async personCodeJson(state: CodeState, extra: Record<string, unknown>): Promise<string> {
      if (!state.holderId) throw registrationRequired();
      const now = d.clock.now();
      const { local, merged, outlook } = evaluate(state, await d.riskAreas.current(), d.merge.policy, d.transitions, now);
      if (merged.color !== (state.recordedColor ?? 'grey')) d.drift.notice(state.idHash);
      if (state.personId) shown(state.personId, now);
      const token = tokenFor(state.holderId, merged.color, now, null);
      const due = local.reasons.includes('NO_CHECKIN') || local.reasons.includes('CHECKIN_OVERDUE');
      return JSON.stringify({ ...render(state, merged, outlook, local.checkedInAt, due, token, now), ...extra });
    },

    /** A user's code state by account (a staff scan of their token): this process's cache,
     * else Redis, else rebuilt. */
    async stateOfUser(userId: string): Promise<CodeState | null> {
      const cached = d.hot.states.get(userId);
      if (cached) return cached;
      const generation = d.hot.generation();
      const state = await d.states.get(userId);
      if (state && d.hot.generation() === generation) d.hot.states.set(userId, state);
      return state;
    },

    /** The merged colour of a cached code state now (a visit's pass, a scan). */
    async colorOf(state: CodeState): Promise<Color> {
      return (await evaluated(state, d.clock.now())).merged.color;
    },

    /** The session and code state of a bearer token (throws UNAUTHENTICATED when logged
     * out); run once per request, by codeSession (routes.ts). */
    resolve,
  };
}

export type CodeService = ReturnType<typeof createCodeService>;
