import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutralise, toCsv, unneutralise } from './csv';

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];
const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false, record_delimiter: '\r\n' });

describe('CSV cells for spreadsheets', () => {
  it.each([
    ['plain text', '幸福里小区', '"幸福里小区"'],
    ['a number', 1747411, '"1747411"'],
    ['a formula', '=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['a DDE payload', "=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ['a leading plus', '+1 555', `"'+1 555"`],
    ['a leading minus', '-2+3', `"'-2+3"`],
    ['a leading at', '@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['a leading tab', '\t=1+1', `"'\t=1+1"`],
    ['a leading carriage return', '\r=1+1', `"'\r=1+1"`],
    ['a leading quote (kept reversible)', "'quoted", `"''quoted"`],
    ['spaces before a formula', '  =1+1', `"'  =1+1"`],
    ['a line feed before a formula', '\n=1+1', `"'\n=1+1"`],
    ['an ideographic space before a formula', '\u3000=1+1', `"'\u3000=1+1"`],
    ['a full-width equals sign', '＝1+1', `"'＝1+1"`],
    ['a full-width plus, minus and at', '＋1', `"'＋1"`],
    ['a full-width minus', '－1', `"'－1"`],
    ['a full-width at', '＠SUM(A1)', `"'＠SUM(A1)"`],
    ['spaces before plain text', '  幸福里', '"  幸福里"'],
    ['a formula character later on', 'a=b', '"a=b"'],
    ['a comma and a line feed', 'a,b\nc', '"a,b\nc"'],
    ['double quotes', 'say "hi"', '"say ""hi"""'],
    ['empty', '', '""'],
  ])('when a cell holds %s, then it is written %s', (_case, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('when a file is written, then each row ends with CRLF and a CSV parser reads the cells back', () => {
    const text = toCsv([
      ['date', 'name'],
      ['2026-11-22', '=1+1'],
    ]);
    expect(text).toBe(`"date","name"\r\n"2026-11-22","'=1+1"\r\n`);
    expect(parseCsv(text)).toEqual([
      ['date', 'name'],
      ['2026-11-22', "'=1+1"],
    ]);
  });

  it('when any text is written, then no parsed cell begins with a formula character, and dropping the prefix gives the text back', () => {
    const risky = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.tuple(fc.constantFrom(...FORMULA_START, "'", '"', ','), fc.string()).map(([a, b]) => a + b),
      fc.tuple(fc.constantFrom(' ', '\n', '\u3000'), fc.constantFrom(...FORMULA_START, '＝', '＋', '－', '＠'), fc.string()).map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(fc.array(fc.array(risky, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const text = toCsv(table);
        // Every cell is quoted: what a spreadsheet sees first in a cell is a quote, never a formula character.
        for (const cell of table.flat()) expect(csvCell(cell)).toMatch(/^"[\s\S]*"$/);
        const back = parseCsv(text);
        expect(back).toHaveLength(table.length);
        back.forEach((row, r) =>
          row.forEach((cell, c) => {
            expect(FORMULA_START).not.toContain(cell.charAt(0));
            // Nor after leading whitespace, in either width, unless the cell is marked as text.
            if (!cell.startsWith("'")) expect(cell).not.toMatch(/^[\s\u3000]*[=+\-@＝＋－＠]/);
            expect(unneutralise(cell)).toBe(table[r][c]);
          }),
        );
      }),
    );
  });

  it('when a text is neutralised twice, then only the first adds a prefix to formula text', () => {
    expect(neutralise(neutralise('=1'))).toBe("''=1");
    expect(unneutralise(unneutralise(neutralise(neutralise('=1'))))).toBe('=1');
  });
});
