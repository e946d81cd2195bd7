/** SQL literals for statements built in full (multi-row inserts of thousands of rows), where
 * the driver's per-value formatting would cost more than the insert. */

/** `X'…',X'…'` for a list of binary keys. */
export const hexList = (values: Buffer[]) => values.map((v) => `X'${v.toString('hex')}'`).join(',');

/** DATETIME(3) literal in UTC (the pool's timezone is 'Z'). */
export const sqlTime = (d: Date) => `'${d.toISOString().slice(0, 23).replace('T', ' ')}'`;
