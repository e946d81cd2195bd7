import { describe, expect, it } from 'vitest';
import { evaluateCheckin, evaluateDeclaration, type RiskArea } from './checkinRules';
import type { CheckinRequest } from './contracts/checkin';

const NOW = new Date('2026-11-22T08:00:00Z');
const AREAS: RiskArea[] = [
  { code: '110105', name: '朝阳区', level: 'low', effectiveFrom: new Date('2026-11-01T00:00:00Z'), effectiveTo: null },
  { code: '420106', name: '武昌区', level: 'medium', effectiveFrom: new Date('2026-11-10T00:00:00Z'), effectiveTo: null },
  { code: '440305', name: '南山区', level: 'high', effectiveFrom: new Date('2026-11-15T00:00:00Z'), effectiveTo: null },
];
const answers = (over: Partial<CheckinRequest> = {}): CheckinRequest => ({
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
  address: { district: '110105', detail: '幸福路 1 号' },
  ...over,
});
const at = (a: CheckinRequest, checkedInAt = NOW, now = NOW, areas = AREAS) => evaluateCheckin({ answers: a, checkedInAt }, areas, now);

describe('check-in rules: every combination of answers', () => {
  const temperatures: CheckinRequest['temperature'][] = ['normal', 36.5, 37.2, 37.3, 39];
  const symptomSets: CheckinRequest['symptoms'][] = [[], ['fever'], ['cough'], ['fever', 'loss_of_taste_smell']];
  const areaSets = [[], ['110105'], ['420106'], ['440305'], ['420106', '440305'], ['510104']];
  const contacts: CheckinRequest['contact'][] = ['none', 'suspected', 'confirmed'];
  const cases = temperatures.flatMap((temperature) =>
    symptomSets.flatMap((symptoms) => areaSets.flatMap((visitedAreas) => contacts.map((contact) => ({ temperature, symptoms, visitedAreas, contact })))),
  );

  it(`when each of the ${cases.length} combinations is evaluated, then the colour and reasons follow the rules`, () => {
    for (const c of cases) {
      const fever = c.symptoms.includes('fever') || (typeof c.temperature === 'number' && c.temperature >= 37.3);
      const otherSymptom = c.symptoms.some((s) => s !== 'fever');
      const high = c.visitedAreas.includes('440305');
      const medium = c.visitedAreas.includes('420106');
      const expected = new Set<string>();
      if (fever) expected.add('FEVER');
      if (otherSymptom) expected.add('SYMPTOMS');
      if (high) expected.add('HIGH_RISK_AREA');
      if (medium) expected.add('MEDIUM_RISK_AREA');
      if (c.contact === 'confirmed') expected.add('CONTACT_CONFIRMED');
      if (c.contact === 'suspected') expected.add('CONTACT_SUSPECTED');
      const color = high || c.contact === 'confirmed' ? 'red' : expected.size > 0 ? 'yellow' : 'green';
      if (color === 'green') expected.add('CHECKIN_OK');

      const state = at(answers(c));
      expect({ case: c, color: state.color, reasons: new Set(state.reasons) }).toEqual({ case: c, color, reasons: expected });
    }
  });
});

describe('check-in validity', () => {
  it('when there is no check-in, then the local state is grey "no check-in"', () => {
    expect(evaluateCheckin(null, AREAS, NOW)).toMatchObject({ color: 'grey', reasons: ['NO_CHECKIN'] });
  });

  it('when a green check-in is exactly 3 days old, then it is yellow "overdue"; a second earlier it is green', () => {
    const checkedInAt = new Date(NOW.getTime() - 3 * 86400_000);
    expect(at(answers(), checkedInAt, NOW)).toMatchObject({ color: 'yellow', reasons: ['CHECKIN_OVERDUE'] });
    expect(at(answers(), checkedInAt, new Date(NOW.getTime() - 1000))).toMatchObject({ color: 'green', reasons: ['CHECKIN_OK'] });
  });

  it('when the declaration alone is asked for, then an old check-in is what it declared, never "overdue"', () => {
    const old = new Date(NOW.getTime() - 5 * 86400_000);
    expect(evaluateDeclaration({ answers: answers(), checkedInAt: old }, AREAS, NOW)).toEqual({ color: 'green', reasons: [], areas: [] });
    expect(evaluateDeclaration({ answers: answers({ symptoms: ['cough'] }), checkedInAt: old }, AREAS, NOW)).toMatchObject({
      color: 'yellow',
      reasons: ['SYMPTOMS'],
    });
  });

  it('when a red check-in is overdue, then it stays red and says both', () => {
    const state = at(answers({ contact: 'confirmed' }), new Date(NOW.getTime() - 4 * 86400_000));
    expect(state.color).toBe('red');
    expect(state.reasons).toEqual(['CONTACT_CONFIRMED', 'CHECKIN_OVERDUE']);
  });
});

describe('risk areas are data with dates', () => {
  it('when an area became high-risk after the check-in, then the code turns red now', () => {
    const later: RiskArea[] = [{ code: '310101', name: '黄浦区', level: 'high', effectiveFrom: new Date('2026-11-22T07:00:00Z'), effectiveTo: null }];
    const state = at(answers({ visitedAreas: ['310101'] }), new Date('2026-11-22T06:00:00Z'), NOW, later);
    expect(state).toMatchObject({ color: 'red', reasons: ['HIGH_RISK_AREA'], areas: ['310101'] });
  });

  it('when the risk period ended more than 14 days before the check-in, then it no longer counts', () => {
    const old: RiskArea[] = [
      { code: '310101', name: '黄浦区', level: 'high', effectiveFrom: new Date('2026-10-01T00:00:00Z'), effectiveTo: new Date('2026-11-07T00:00:00Z') },
    ];
    expect(at(answers({ visitedAreas: ['310101'] }), NOW, NOW, old).color).toBe('green');
    const recent = [{ ...old[0], effectiveTo: new Date('2026-11-09T00:00:00Z') }];
    expect(at(answers({ visitedAreas: ['310101'] }), NOW, NOW, recent).color).toBe('red');
  });

  it('when an area was lowered from high to medium, then both periods count and the worse one wins', () => {
    const history: RiskArea[] = [
      { code: '310101', name: '黄浦区', level: 'high', effectiveFrom: new Date('2026-11-10T00:00:00Z'), effectiveTo: new Date('2026-11-18T00:00:00Z') },
      { code: '310101', name: '黄浦区', level: 'medium', effectiveFrom: new Date('2026-11-18T00:00:00Z'), effectiveTo: null },
    ];
    expect(at(answers({ visitedAreas: ['310101'] }), NOW, NOW, history).color).toBe('red');
  });
});
