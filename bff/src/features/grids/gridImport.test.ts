import { describe, expect, it } from 'vitest';
import { parentsOutside, parseGridCsv, placeInTree } from './gridImport';

describe('reading a grid CSV (code,name)', () => {
  it('when the file is well formed, then every line, with the editor’s line numbers (header and blank lines skipped)', () => {
    const text = '\ufeffcode,name\n110105,朝阳区\n\n110105001, 建外街道 \n"110105001001","永安里社区"\n';
    expect(parseGridCsv(text)).toEqual({
      lines: [
        { line: 2, code: '110105', name: '朝阳区' },
        { line: 4, code: '110105001', name: '建外街道' },
        { line: 5, code: '110105001001', name: '永安里社区' },
      ],
      problems: [],
    });
  });

  it('when there is no header, then the first line is a grid; a header in any case is skipped', () => {
    expect(parseGridCsv('110105,朝阳区').lines).toEqual([{ line: 1, code: '110105', name: '朝阳区' }]);
    expect(parseGridCsv('Code,NAME\n110105,朝阳区').lines).toEqual([{ line: 2, code: '110105', name: '朝阳区' }]);
  });

  it('when lines are wrong, then each says why, and the good ones are kept', () => {
    const text = [
      'code,name',
      '110105,朝阳区', // 2 fine
      '1101050,七位', // 3 not a grid code
      '110105001', // 4 one column
      '110105002,建外,多余', // 5 three columns
      '110105003,', // 6 empty name
      '110105004,名\u202e字', // 7 a bidi override
      '110105,朝阳区（重复）', // 8 duplicate
      '110105000,零号街道', // 9 000 is no street
      `110105005,${'长'.repeat(61)}`, // 10 name too long
      '110105006,呼家楼街道', // 11 fine
    ].join('\n');
    const { lines, problems } = parseGridCsv(text);
    expect(lines.map((l) => l.line)).toEqual([2, 11]);
    expect(problems).toEqual([
      { line: 3, message: expect.stringMatching(/^code: must be a grid code/) },
      { line: 4, message: 'expected 2 columns (code,name), found 1' },
      { line: 5, message: 'expected 2 columns (code,name), found 3' },
      { line: 6, message: expect.stringMatching(/^name: /) },
      { line: 7, message: expect.stringMatching(/^name: must not contain control or formatting characters/) },
      { line: 8, message: 'code 110105 is already on line 2' },
      { line: 9, message: expect.stringMatching(/^code: must be a grid code/) },
      { line: 10, message: expect.stringMatching(/^name: /) },
    ]);
  });

  it('when the text is not CSV (an unclosed quote), then it says so rather than guessing', () => {
    expect(() => parseGridCsv('code,name\n"110105,朝阳区\n')).toThrow(/not readable as CSV/);
  });

  it('when the file is empty, then nothing and no problem', () => {
    expect(parseGridCsv('')).toEqual({ lines: [], problems: [] });
  });
});

describe('placing the lines in the tree', () => {
  const lines = parseGridCsv(
    ['110105001,建外街道', '110105001001,永安里社区', '110105002001,孤儿社区', '110106,丰台区', '110106001001,缺街道的社区', '110108001,海淀的街道'].join('\n'),
  ).lines;

  it('asks the database only for the parents the file does not hold', () => {
    expect(parentsOutside(lines).sort()).toEqual(['110105', '110105002', '110106001', '110108']);
  });

  it('keeps a line whose parent is in the file or already imported, and refuses the others, a whole branch at once', () => {
    const { placed, problems } = placeInTree(lines, new Set(['110105', '110108']));
    expect(placed.map((l) => l.code)).toEqual(['110105001', '110105001001', '110106', '110108001']);
    expect(problems).toEqual([
      { line: 3, message: 'its parent 110105002 is neither in the file nor imported' },
      { line: 5, message: 'its parent 110106001 is neither in the file nor imported' },
    ]);
  });

  it('refuses a community whose street is in the file but itself refused', () => {
    const { placed, problems } = placeInTree(parseGridCsv('110105001,建外街道\n110105001001,永安里社区').lines, new Set());
    expect(placed).toEqual([]);
    expect(problems).toEqual([
      { line: 1, message: 'its parent 110105 is neither in the file nor imported' },
      { line: 2, message: 'its parent 110105001 (line 1) was refused' },
    ]);
  });
});
