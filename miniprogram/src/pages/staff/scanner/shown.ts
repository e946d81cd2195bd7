/**
 * What the result panel shows for one scan: the BFF's answer, its refusal of the code, or the
 * device's own offline check — each turned into the same plain verdict for the guard.
 */
import { scanVerdict, type Color, type Locale, type ScanVerdict, type TestRequirementVerdict } from '@yima/shared';
import { formatChinaRelative } from '../../../format';
import { errorText } from '../../../i18n';
import type { MessageKey } from '../../../i18n/messages';
import type { CodeProblem, ScanOutcome, ScanResult } from '../../../services/scans';

export interface Shown {
  /** The holder's colour; null when the code itself was refused (expired, forged…). */
  color: Color | null;
  /** Big text: the colour's name, or what is wrong with the code ("已过期"). */
  label: string;
  holder: string;
  allowed: boolean;
  reason: string;
  kind: ScanResult['kind'] | null;
  problem: CodeProblem | null;
  offline: boolean;
  /** Offline: when the lists the check used were made. */
  listsAsOf: string | null;
  /** The place's test requirement, worded (decision 0026); null when it requires none (and
   * offline, where the device holds no test records). */
  requirement: { met: boolean; verdict: TestRequirementVerdict; text: string } | null;
  at: Date;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Wording helpers for one language. */
export function scanWords(t: Translate, locale: Locale) {
  const verdict = (code: ScanVerdict) => t(`scanner.verdict.${code}` as MessageKey);
  const problemLabel = (p: CodeProblem) => t(`scanner.problem.${p}` as MessageKey);
  const problemReason = (p: CodeProblem) => (p === 'NO_TRUST_LIST' ? t('scanner.noTrustList') : errorText(locale, p));

  /** Another region's code names no one: its holder is shown by the issuer ("穗康码持码人"). */
  const recognisedHolder = (issuer: { name: string }) => t('scanner.holder.recognised', { issuer: issuer.name });

  /** The requirement line under the colour: met with when sampled, or why not. Another
   * region's people have no record here: the guard is sent to their own app. */
  function requirementLine(result: ScanResult, at: Date): Shown['requirement'] {
    const req = result.testRequirement;
    if (!req) return null;
    const params = { hours: req.hours, sampled: req.sampledAt ? formatChinaRelative(new Date(req.sampledAt), at, locale) : '' };
    const key = req.verdict === 'NO_RESULT' && result.kind === 'recognised' ? 'scanner.test.NO_RESULT.recognised' : `scanner.test.${req.verdict}`;
    return { met: req.verdict === 'MET', verdict: req.verdict, text: t(key as MessageKey, params) };
  }

  /** The BFF's answer (a scan or an ID-number lookup). */
  function online(result: ScanResult, at: Date): Shown {
    return {
      color: result.color,
      label: t(`code.color.${result.color}` as MessageKey),
      holder: result.holder?.name ?? (result.issuer ? recognisedHolder(result.issuer) : ''),
      allowed: result.allowed,
      // The BFF answers a verdict code; the words are the client's (decision 0017).
      reason: t(`scanner.verdict.${result.verdict.code}` as MessageKey, result.verdict.params),
      kind: result.kind,
      problem: null,
      offline: result.verifiedOffline,
      listsAsOf: null,
      requirement: requirementLine(result, at),
      at,
    };
  }

  /** Any scan's outcome; `listsAsOf` says how old the offline lists are. */
  function fromOutcome(outcome: ScanOutcome, at: Date, listsAsOf: string | null): Shown {
    if (outcome.type === 'online') return online(outcome.result, at);
    const refused = (problem: CodeProblem, offline: boolean): Shown => ({
      color: null,
      label: problemLabel(problem),
      holder: '',
      allowed: false,
      reason: problemReason(problem),
      kind: null,
      problem,
      offline,
      listsAsOf: offline ? listsAsOf : null,
      requirement: null,
      at,
    });
    if (outcome.type === 'refused') return refused(outcome.problem, false);
    const { check } = outcome;
    if (!check.ok) return refused(check.problem, true);
    return {
      color: check.color,
      label: t(`code.color.${check.color}` as MessageKey),
      // Offline, only the code speaks: another region's names its issuer, ours names no one.
      holder: check.kind === 'recognised' ? recognisedHolder(check.issuer) : t('scanner.holder.offline'),
      allowed: check.allowed,
      reason: `${verdict(scanVerdict(check.color).code)}${check.tokenKind === 'paper' ? t('scanner.offline.paperNote') : ''}`,
      kind: check.kind,
      problem: null,
      offline: true,
      listsAsOf: check.revocationsAsOf ?? listsAsOf,
      requirement: null,
      at,
    };
  }

  return { online, fromOutcome };
}
