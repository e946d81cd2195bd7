import { idCheckChar } from '@yima/shared';

let seq = 100;
let round = 0;

/**
 * A valid resident ID number, different on every call (region, birth date, sequence) — and in
 * every test process: the files of a project share its database and, since they share its keys
 * too (testApp.ts), one file's person would be another's. Without a `region`, the region's last
 * four digits come from the process id (the province part stays valid) and move on every 900
 * numbers.
 */
export function newIdNumber(birth = '19880515', region?: string): string {
  if (seq >= 999) {
    seq = 99;
    round += 1;
  }
  seq += 1;
  const place = region ?? `44${String((process.pid + round * 7919) % 10000).padStart(4, '0')}`;
  const first17 = `${place}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

let phoneSeq = 0;
/** A valid mobile number, different on every call within a run. */
export function newPhone(): string {
  phoneSeq += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}
