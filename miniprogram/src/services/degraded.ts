/**
 * The BFF's degraded marker on the code page's answer (docs/decisions/0027): while MariaDB
 * does not answer, the code is judged against the last known risk areas and the answer says
 * so in a header, `X-Yima-Degraded: risk-areas; as-of=<ISO time>`. Pure, so it is tested
 * without Taro.
 */
export const DEGRADED_HEADER = 'x-yima-degraded';

/** The time the answer's risk areas are as of, or null for a fresh answer (or a header this
 * version does not understand). Header names arrive in any case (H5 lowercases them). */
export function degradedAsOf(headers: Record<string, string> | undefined): Date | null {
  if (!headers) return null;
  const name = Object.keys(headers).find((k) => k.toLowerCase() === DEGRADED_HEADER);
  const match = name ? /^risk-areas; as-of=(\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(headers[name]) : null;
  if (!match) return null;
  const at = new Date(match[1]);
  return Number.isNaN(at.getTime()) ? null : at;
}
