/** The code answer's `nucleicAcid` and `vaccination` from a cached summary, at `now`. */
import { testBadge, type CodeAnswer, type HealthSummary } from '@yima/shared';

export function codeHealthFields(health: HealthSummary | null | undefined, now: Date): Pick<CodeAnswer, 'nucleicAcid' | 'vaccination'> {
  const latest = health?.nucleicAcid ?? null;
  return {
    nucleicAcid: latest ? { latest, badge: latest.result === 'negative' ? testBadge(Date.parse(latest.sampledAt), now.getTime()) : null } : null,
    vaccination: health?.vaccination ?? null,
  };
}
