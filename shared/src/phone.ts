/** Mainland China mobile numbers: 11 digits starting 13–19. An optional +86/86 prefix and
 * spaces or dashes are tolerated on input and removed. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}
