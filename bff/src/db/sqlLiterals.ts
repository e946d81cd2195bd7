/** SQL literals for statements built in full (multi-row inserts of thousands of rows), where
 * the driver's per-value formatting would cost more than the insert. Only repos use them: the
 * statement is written where it runs. */

/** `X'…',X'…'` for a list of binary keys. */
export const hexList = (values: Buffer[]) => values.map((v) => `X'${v.toString('hex')}'`).join(',');

const HEX = /^(?:[0-9a-f]{2})+$/;

/** `X'…'` for a binary key given as hex (the feed's blind indexes are computed as hex in its
 * reader threads). Anything but lowercase hex is refused, so nothing else reaches a statement. */
export function hexLiteral(hex: string): string {
  if (!HEX.test(hex)) throw new TypeError('a binary key must be given as lowercase hex');
  return `X'${hex}'`;
}

/** DATETIME(3) literal in UTC (the pool's timezone is 'Z'). */
export const sqlTime = (d: Date) => `'${d.toISOString().slice(0, 23).replace('T', ' ')}'`;
