import { describe, expect, it } from 'vitest';
import { homeStatus } from './homeStatus';

const checkin = (lastAt: string | null, due: boolean) => ({ lastAt, dueAt: null, due });

describe("the home page's code card", () => {
  it('when the code has a colour, then the card shows it, and says when the check-in is due', () => {
    expect(homeStatus({ color: 'green', checkin: checkin('2026-11-26T01:00:00Z', false) }, false)).toEqual({ kind: 'color', color: 'green', hint: null });
    expect(homeStatus({ color: 'yellow', checkin: checkin('2026-11-25T01:00:00Z', true) }, false)).toEqual({
      kind: 'color',
      color: 'yellow',
      hint: 'home.status.checkinDue',
    });
    expect(homeStatus({ color: 'red', checkin: checkin(null, true) }, false)).toMatchObject({ kind: 'color', color: 'red' });
  });

  it('when the code is grey, then the card asks for a first check-in, or says no status was assigned after one', () => {
    expect(homeStatus({ color: 'grey', checkin: checkin(null, true) }, false)).toEqual({ kind: 'color', color: 'grey', hint: 'home.status.checkinFirst' });
    expect(homeStatus({ color: 'grey', checkin: checkin('2026-11-26T01:00:00Z', false) }, false)).toEqual({
      kind: 'color',
      color: 'grey',
      hint: 'home.status.greyChecked',
    });
  });

  it('when the account must verify its identity first, then the card says so instead of a colour', () => {
    expect(homeStatus({ color: 'grey', checkin: checkin(null, true), verificationRequired: true }, false)).toEqual({ kind: 'verify' });
  });

  it('when the code has not loaded, then the card waits, or says it cannot be read once the request failed', () => {
    expect(homeStatus(null, false)).toEqual({ kind: 'loading' });
    expect(homeStatus(null, true)).toEqual({ kind: 'unavailable' });
  });
});
