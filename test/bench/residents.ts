/** Residents for a benchmark: registered, verified and checked in healthy (so their code is
 * green), phones `<prefix><8 digits>`; their session tokens, in order. */
import { registerResident } from '../support/flows';
import { call } from '../support/http';

export async function checkedInResidents(
  base: string,
  count: number,
  phonePrefix: string,
  /** How a resident registers: the real-name flow, or declaring (a checkout from before it). */
  register: (base: string, who: { phone: string }) => Promise<{ token: string }> = registerResident,
): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await register(base, { phone: `${phonePrefix}${String(i).padStart(8, '0')}` });
    const checkin = await call(
      base,
      'POST',
      '/api/me/checkins',
      { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '1' } },
      { token: r.token },
    );
    if (checkin.status !== 201) throw new Error(`check-in failed: ${JSON.stringify(checkin.body)}`);
    tokens.push(r.token);
  }
  return tokens;
}
