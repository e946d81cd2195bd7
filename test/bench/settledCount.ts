/**
 * Durable rows after a load round: a count read until it reaches what was acknowledged (or
 * 30 s pass) and then stands still for `quietMs` — a peer commits before it answers, our
 * drainer copies the visit stream to MariaDB in batches about once a second.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function settledCount(count: () => Promise<number>, atLeast = 0, quietMs = 500): Promise<number> {
  const deadline = Date.now() + 30_000;
  let n = await count();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(200);
    const m = await count();
    if (m !== n) [n, since] = [m, Date.now()];
    else if (n >= atLeast && Date.now() - since >= quietMs) break;
  }
  return n;
}
