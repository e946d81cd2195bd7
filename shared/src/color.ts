/** Code colours. Grey means "no state yet" (never checked in, nothing known). */
export const COLORS = ['grey', 'green', 'yellow', 'red'] as const;
export type Color = (typeof COLORS)[number];

/** Higher is more severe; grey (nothing known) is below green. */
export const SEVERITY: Record<Color, number> = { grey: 0, green: 1, yellow: 2, red: 3 };

export function mostSevere(a: Color, b: Color): Color {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}
