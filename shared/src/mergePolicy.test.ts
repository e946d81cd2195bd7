import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLORS, SEVERITY, type Color } from './color';
import { mergeSourceStates, type MergePolicy, type MergePolicyName, type SourceState } from './mergePolicy';

const NOW = new Date('2026-11-22T16:30:00+08:00');
const H = 3600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * H);
const state = (source: string, color: Color, hoursAgo: number, over: Partial<SourceState> = {}): SourceState => ({
  source,
  color,
  reasonCode: `${source}-${color}`,
  reasonText: `${source} says ${color}`,
  setBy: source.startsWith('mark:') ? source.slice(5) : source,
  effectiveAt: ago(hoursAgo),
  receivedAt: ago(hoursAgo),
  ...over,
});
const policy = (name: MergePolicyName): MergePolicy => ({ name, freshnessMs: { provincial: 12 * H, checkin: 72 * H } });
const merge = (name: MergePolicyName, states: SourceState[]) => mergeSourceStates(states, policy(name), NOW);

describe('merge policies (worked examples, docs/merge-policy.md)', () => {
  it('when nothing is known, then grey and decided by no one', () => {
    expect(merge('most-severe', [])).toEqual({ color: 'grey', decidedBy: null, decider: null, reasons: [], sources: [] });
  });

  it.each([
    // [policy, states, colour, decidedBy]
    ['most-severe', [state('checkin', 'green', 2), state('provincial', 'yellow', 1)], 'yellow', 'provincial'],
    ['most-severe', [state('checkin', 'green', 2), state('mark:cdc-110105', 'red', 5), state('provincial', 'green', 1)], 'red', 'mark:cdc-110105'],
    // Seed 000: the city said red, the province green; "provincial prevails".
    ['provincial-prevails', [state('checkin', 'red', 3), state('provincial', 'green', 1)], 'green', 'provincial'],
    // …except a local red mark set after the provincial state.
    ['provincial-prevails', [state('provincial', 'green', 6), state('mark:cdc-110105', 'red', 1)], 'red', 'mark:cdc-110105'],
    ['provincial-prevails', [state('mark:cdc-110105', 'red', 8), state('provincial', 'green', 6)], 'green', 'provincial'],
    // No fresh provincial state: most-severe.
    ['provincial-prevails', [state('checkin', 'yellow', 3), state('provincial', 'green', 13)], 'yellow', 'checkin'],
    // Issue 12: a check-in never lowers the province's colour, newer or not, under any policy…
    ['local-prevails', [state('checkin', 'green', 3), state('provincial', 'yellow', 5)], 'yellow', 'provincial'],
    ['local-prevails', [state('checkin', 'green', 1), state('provincial', 'red', 3)], 'red', 'provincial'],
    ['local-prevails', [state('checkin', 'green', 3), state('provincial', 'red', 1)], 'red', 'provincial'],
    // …but a local authority's mark set after the province's state supersedes it (a lagging feed).
    ['local-prevails', [state('mark:cdc', 'yellow', 1), state('provincial', 'red', 5), state('checkin', 'green', 0)], 'yellow', 'mark:cdc'],
    ['local-prevails', [state('mark:cdc', 'yellow', 6), state('provincial', 'red', 5)], 'red', 'provincial'],
    ['local-prevails', [state('checkin', 'green', 3), state('mark:cdc', 'yellow', 4), state('provincial', 'green', 1)], 'yellow', 'mark:cdc'],
    ['local-prevails', [state('checkin', 'red', 3), state('provincial', 'green', 1)], 'red', 'checkin'],
  ] as const)('%s: %j → %s by %s', (name, states, color, decidedBy) => {
    const r = merge(name, [...states]);
    expect(r.color).toBe(color);
    expect(r.decidedBy).toBe(decidedBy);
  });

  it('when the provincial state is 12 hours old, then it is stale and listed as such; at 11:59 it is fresh', () => {
    const stale = merge('most-severe', [state('provincial', 'red', 12), state('checkin', 'green', 1)]);
    expect(stale).toMatchObject({ color: 'green', decidedBy: 'checkin' });
    expect(stale.sources.find((s) => s.source === 'provincial')).toMatchObject({ stale: true, asOf: ago(12) });
    const fresh = merge('most-severe', [state('provincial', 'red', 12 - 1 / 60), state('checkin', 'green', 1)]);
    expect(fresh).toMatchObject({ color: 'red', decidedBy: 'provincial' });
  });

  it('when the province re-confirms an old state, then freshness counts from the batch (asOf), not from when the state began', () => {
    const reconfirmed = state('provincial', 'red', 72, { asOf: ago(1), receivedAt: ago(1) });
    const r = merge('most-severe', [reconfirmed, state('checkin', 'green', 2)]);
    expect(r).toMatchObject({ color: 'red', decidedBy: 'provincial' });
    expect(r.sources.find((s) => s.source === 'provincial')).toEqual({ source: 'provincial', color: 'red', asOf: ago(1), stale: false });
  });

  it('when every source is stale, then the most severe stale state still decides (never grey for old data)', () => {
    expect(merge('most-severe', [state('provincial', 'yellow', 20), state('checkin', 'green', 100)])).toMatchObject({
      color: 'yellow',
      decidedBy: 'provincial',
    });
  });

  it('when a state has expired, then it is ignored entirely', () => {
    const r = merge('most-severe', [state('mark:cdc', 'red', 10, { expiresAt: ago(1) }), state('checkin', 'green', 2)]);
    expect(r).toMatchObject({ color: 'green', decidedBy: 'checkin' });
    expect(r.sources.map((s) => s.source)).toEqual(['checkin']);
  });

  it('when several states agree on the colour, then all are reasons, the decider first, then newest first', () => {
    const r = merge('most-severe', [state('checkin', 'yellow', 5), state('provincial', 'yellow', 1), state('mark:cdc', 'yellow', 3)]);
    expect(r.reasons.map((s) => s.source)).toEqual(['provincial', 'mark:cdc', 'checkin']);
  });

  it('when the result is green, then no reasons are given', () => {
    expect(merge('most-severe', [state('checkin', 'green', 1)]).reasons).toEqual([]);
  });
});

describe('merge properties', () => {
  const kinds = ['checkin', 'provincial', 'mark:cdc-1', 'mark:cdc-2', 'recognised:gd'];
  const arbState = fc
    .record({
      source: fc.constantFrom(...kinds),
      color: fc.constantFrom(...COLORS.filter((c) => c !== 'grey')),
      hours: fc.integer({ min: 0, max: 200 }),
      expiresIn: fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
    })
    .map(({ source, color, hours, expiresIn }) =>
      state(source, color, hours, expiresIn === undefined ? {} : { expiresAt: new Date(NOW.getTime() + expiresIn * H) }),
    );
  const names = fc.constantFrom<MergePolicyName>('most-severe', 'provincial-prevails', 'local-prevails');

  it('when two states of one source differ only in expiry, then either arrival order gives the same result (fast-check seed 1922537191)', () => {
    const a = state('mark:cdc-2', 'yellow', 3, { expiresAt: new Date(NOW.getTime() + 5 * H) });
    const b = state('mark:cdc-2', 'yellow', 3);
    for (const name of ['most-severe', 'provincial-prevails', 'local-prevails'] as const) {
      const ab = merge(name, [a, b]);
      expect(merge(name, [b, a])).toEqual(ab);
      // The one that never expires explains the colour: it outlasts the other.
      expect(ab.decider).toBe(b);
    }
  });

  it('when two states differ only in asOf, then either arrival order gives the same result', () => {
    const a = state('provincial', 'red', 30, { asOf: ago(2) });
    const b = state('provincial', 'red', 30, { asOf: ago(1) });
    expect(merge('most-severe', [a, b])).toEqual(merge('most-severe', [b, a]));
  });

  it('when the same states arrive in another order, then the result is the same', () => {
    fc.assert(
      fc.property(fc.array(arbState, { maxLength: 8 }), names, fc.integer(), (states, name, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(states, { minLength: states.length, maxLength: states.length }), { numRuns: 1, seed })[0];
        expect(merge(name, shuffled)).toEqual(merge(name, states));
      }),
    );
  });

  it('when a check-in is added to fresh marks and provincial states, then under every policy the colour never gets less severe (issue 12)', () => {
    const arbAuthority = fc
      .record({
        source: fc.constantFrom('provincial', 'mark:cdc-1', 'mark:cdc-2'),
        color: fc.constantFrom<Color>('green', 'yellow', 'red'),
        hours: fc.integer({ min: 0, max: 11 }),
      })
      .map(({ source, color, hours }) => state(source, color, hours));
    const arbCheckin = fc
      .record({ color: fc.constantFrom<Color>('green', 'yellow', 'red'), hours: fc.integer({ min: 0, max: 11 }) })
      .map(({ color, hours }) => state('checkin', color, hours));
    fc.assert(
      fc.property(fc.array(arbAuthority, { maxLength: 5 }), arbCheckin, names, (authorities, checkin, name) => {
        expect(SEVERITY[merge(name, [...authorities, checkin]).color]).toBeGreaterThanOrEqual(SEVERITY[merge(name, authorities).color]);
      }),
    );
  });

  it('when a stale state is added under most-severe, then the colour never gets less severe', () => {
    const staleState = fc
      .record({ color: fc.constantFrom<Color>('green', 'yellow', 'red'), hours: fc.integer({ min: 12, max: 100 }) })
      .map(({ color, hours }) => state('provincial', color, hours));
    fc.assert(
      fc.property(fc.array(arbState, { maxLength: 8 }), staleState, (states, extra) => {
        expect(SEVERITY[merge('most-severe', [...states, extra]).color]).toBeGreaterThanOrEqual(SEVERITY[merge('most-severe', states).color]);
      }),
    );
  });

  it('when most-severe merges fresh states, then no fresh state is more severe than the result', () => {
    fc.assert(
      fc.property(fc.array(arbState, { maxLength: 8 }), (states) => {
        const r = merge('most-severe', states);
        for (const s of r.sources.filter((x) => !x.stale)) expect(SEVERITY[s.color]).toBeLessThanOrEqual(SEVERITY[r.color]);
      }),
    );
  });
});
