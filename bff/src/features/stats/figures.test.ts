import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCells, dayFigures, rangeFigures } from './figures';

const zeros = { community: 0, unit: 0, station: 0, checkpoint: 0, public: 0 };

describe('the figures of a day, from its counters', () => {
  it('when nothing was counted, then every figure is zero', () => {
    expect(dayFigures('2026-11-22', new Map())).toEqual({
      date: '2026-11-22',
      registrations: 0,
      activeUsers: 0,
      checkins: 0,
      checkinsByRelatives: 0,
      scans: zeros,
      staffScans: zeros,
      conversions: { approved: 0, rejected: 0, forwarded: 0, referred: 0 },
    });
  });

  it('when counters are there, then check-ins add up who filed them, and each place type is its own bucket; an unknown type is left out', () => {
    const values = new Map([
      ['registrations|', 462206],
      ['activeUsers|', 900000],
      ['checkins|self', 10],
      ['checkins|relative', 3],
      ['scans|community', 1747411],
      ['scans|unit', 391326],
      ['scans|station', 17615],
      ['scans|hospital', 5],
      ['staffScans|community', 7],
      ['conversions|approved', 2],
      ['conversions|forwarded', 1],
    ]);
    expect(dayFigures('2020-02-20', values)).toEqual({
      date: '2020-02-20',
      registrations: 462206,
      activeUsers: 900000,
      checkins: 13,
      checkinsByRelatives: 3,
      scans: { ...zeros, community: 1747411, unit: 391326, station: 17615 },
      staffScans: { ...zeros, community: 7 },
      conversions: { approved: 2, rejected: 0, forwarded: 1, referred: 0 },
    });
  });

  it('when a range is asked, then every day is there in order, shards and rows of one counter added up', () => {
    const days = rangeFigures('2026-11-21', '2026-11-23', [
      { day: '2026-11-23', metric: 'registrations', dimension: '', value: 2 },
      { day: '2026-11-21', metric: 'scans', dimension: 'public', value: 4 },
      { day: '2026-11-21', metric: 'scans', dimension: 'public', value: 1 },
    ]);
    expect(days.map((d) => [d.date, d.registrations, d.scans.public])).toEqual([
      ['2026-11-21', 0, 5],
      ['2026-11-22', 0, 0],
      ['2026-11-23', 2, 0],
    ]);
  });

  it('when a day becomes a CSV row, then it has a cell under every header, the scans total first', () => {
    const day = dayFigures(
      '2026-11-22',
      new Map([
        ['scans|community', 3],
        ['scans|public', 2],
        ['staffScans|public', 1],
        ['checkins|relative', 1],
      ]),
    );
    const cells = csvCells(day);
    expect(cells).toHaveLength(CSV_HEADER.length);
    expect(Object.fromEntries(CSV_HEADER.map((h, i) => [h, cells[i]]))).toMatchObject({
      date: '2026-11-22',
      checkins: 1,
      checkins_by_relatives: 1,
      scans_total: 5,
      scans_community: 3,
      scans_public: 2,
      staff_scans_public: 1,
    });
  });
});
