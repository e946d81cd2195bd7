import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districtOf, gridCovers, parseGridCode } from './grids';

describe('grid codes (statistical division codes)', () => {
  it.each([
    ['110105', { level: 'district', parent: null }],
    ['110105001', { level: 'street', parent: '110105' }],
    ['110105001001', { level: 'community', parent: '110105001' }],
    ['440305010200', { level: 'community', parent: '440305010' }],
    ['820000', { level: 'district', parent: null }],
  ] as const)('%s is a %j', (code, expected) => {
    expect(parseGridCode(code)).toEqual({ code, ...expected });
  });

  it.each([
    ['', 'empty'],
    ['11010', 'five digits'],
    ['1101050', 'seven digits'],
    ['11010500', 'eight digits'],
    ['1101050010', 'ten digits'],
    ['1101050010011', 'thirteen digits'],
    ['990105', 'no such province'],
    ['100105001', 'province 10'],
    ['110105000', 'a street ending 000'],
    ['110105000001', 'a community under street 000'],
    ['110105001000', 'a community ending 000'],
    ['11010500１', 'a full-width digit'],
    ['110105 01', 'a space'],
    ['abcdef', 'letters'],
  ])('%j is not a grid code (%s)', (code) => {
    expect(parseGridCode(code)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseGridCode(110105 as unknown as string)).toBeNull();
  });
});

describe('which grids a grant covers (gridCovers)', () => {
  it.each([
    // holder, target, covers
    ['110105', '110105', true],
    ['110105', '110105001', true],
    ['110105', '110105001001', true],
    ['110105001', '110105001001', true],
    ['110105001', '110105001', true],
    ['110105001001', '110105001001', true],
    // Not upwards, not sideways.
    ['110105001', '110105', false],
    ['110105001001', '110105001', false],
    ['110105001', '110105002001', false],
    ['110105001001', '110105001002', false],
    ['110105', '110106001001', false],
    // A prefix that is not a grid boundary covers nothing: 1101050 is no grid.
    ['1101050', '110105001001', false],
    ['11010', '110105', false],
    ['', '110105', false],
    ['110105', '', false],
    ['110105', '110105001000', false],
  ])('%j covers %j: %s', (holder, target, covers) => {
    expect(gridCovers(holder, target)).toBe(covers);
  });
});

/** Any grid code: a district, maybe a street in it, maybe a community in that. */
const part = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0'));
const province = fc.constantFrom('11', '12', '31', '44', '65', '82');
const district = fc.tuple(province, fc.integer({ min: 0, max: 9999 })).map(([p, n]) => p + String(n).padStart(4, '0'));
const street = fc.tuple(district, part).map(([d, s]) => d + s);
const community = fc.tuple(street, part).map(([s, c]) => s + c);
const anyGrid = fc.oneof(district, street, community);

describe('grid codes, properties', () => {
  it('every generated code parses; its level follows its length, its parent is its code less three digits', () => {
    fc.assert(
      fc.property(anyGrid, (code) => {
        const parsed = parseGridCode(code)!;
        expect(parsed).not.toBeNull();
        expect({ 6: 'district', 9: 'street', 12: 'community' }[code.length]).toBe(parsed.level);
        expect(parsed.parent).toBe(code.length === 6 ? null : code.slice(0, -3));
        if (parsed.parent) expect(parseGridCode(parsed.parent)).not.toBeNull();
        expect(districtOf(code)).toBe(code.slice(0, 6));
      }),
    );
  });

  it('a grid covers itself, and every ancestor covers it', () => {
    fc.assert(
      fc.property(anyGrid, (code) => {
        expect(gridCovers(code, code)).toBe(true);
        for (let p = parseGridCode(code)!.parent; p; p = parseGridCode(p)!.parent) expect(gridCovers(p, code)).toBe(true);
      }),
    );
  });

  it('covering is antisymmetric (two different grids never cover each other) and transitive', () => {
    fc.assert(
      fc.property(anyGrid, anyGrid, anyGrid, (a, b, c) => {
        if (a !== b) expect(gridCovers(a, b) && gridCovers(b, a)).toBe(false);
        if (gridCovers(a, b) && gridCovers(b, c)) expect(gridCovers(a, c)).toBe(true);
      }),
    );
  });

  it('a grid covers a target exactly when it is the target or one of its ancestors', () => {
    fc.assert(
      fc.property(anyGrid, anyGrid, (holder, target) => {
        const ancestors = new Set<string>([target]);
        for (let p = parseGridCode(target)!.parent; p; p = parseGridCode(p)!.parent) ancestors.add(p);
        expect(gridCovers(holder, target)).toBe(ancestors.has(holder));
      }),
    );
  });

  it('a street’s grant never covers a community of a sibling street', () => {
    fc.assert(
      fc.property(street, part, part, (s, other, c) => {
        const sibling = s.slice(0, 6) + other;
        fc.pre(sibling !== s);
        expect(gridCovers(s, sibling + c)).toBe(false);
      }),
    );
  });
});
