/** Code colours. Grey means "no state yet" (never checked in, nothing known). */
export const COLORS = ['grey', 'green', 'yellow', 'red'] as const;
export type Color = (typeof COLORS)[number];

/** Higher is more severe; grey (nothing known) is below green. */
export const SEVERITY: Record<Color, number> = { grey: 0, green: 1, yellow: 2, red: 3 };

export function mostSevere(a: Color, b: Color): Color {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/**
 * The guard's verdict for a colour (SPEC C7), as a code the client words (decision 0017):
 * green lets them in; yellow and red turn them away with their own guidance; grey (nothing
 * known) asks for a check-in or a record by hand. One rule for the BFF and the offline check.
 */
export const SCAN_VERDICTS = ['ALLOW', 'DENY_YELLOW', 'DENY_RED', 'NO_STATUS', 'DENY_TEST_REQUIREMENT'] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];
const VERDICT_OF: Record<Color, ScanVerdict> = { green: 'ALLOW', yellow: 'DENY_YELLOW', red: 'DENY_RED', grey: 'NO_STATUS' };
export function scanVerdict(color: Color): { allowed: boolean; code: ScanVerdict } {
  return { allowed: color === 'green', code: VERDICT_OF[color] };
}

/**
 * The verdict at a place that requires a recent negative test (decision 0026, addendum): a
 * colour that already refuses keeps its own verdict (its guidance is what the person must act
 * on); a green code with the requirement not met is refused as DENY_TEST_REQUIREMENT, whose
 * `hours` the scanner words ("需 48 小时内核酸阴性"). `requirement` is null at a place that
 * requires no test: the colour alone decides.
 */
export function gateVerdict(
  color: Color,
  requirement: { hours: number; met: boolean } | null,
): { allowed: boolean; code: ScanVerdict; params: Record<string, number> } {
  const byColour = scanVerdict(color);
  if (!byColour.allowed || !requirement || requirement.met) return { ...byColour, params: {} };
  return { allowed: false, code: 'DENY_TEST_REQUIREMENT', params: { hours: requirement.hours } };
}
