import { idCheckChar } from '@yima/shared';

let seq = 100;

/** A valid resident ID number, different on every call (region, birth date, sequence). */
export function newIdNumber(birth = '19880515', region = '440305'): string {
  seq = seq >= 999 ? 100 : seq + 1;
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

let phoneSeq = 0;
/** A valid mobile number, different on every call within a run. */
export function newPhone(): string {
  phoneSeq += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}
