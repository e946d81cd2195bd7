import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin } from './roles';
import type { TestApp } from './testApp';

/** Imports a grid CSV through the real admin command (`npm run admin -- grids import <file>`). */
export async function importGrids(app: TestApp, csv: string): Promise<{ code: number; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'yima-grids-'));
  try {
    const file = join(dir, 'grids.csv');
    await writeFile(file, csv);
    const result = await admin(app, ['grids', 'import', file]);
    return { code: result.code, lines: result.lines.map((l) => l.replace(file, 'grids.csv')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A small city: one district, two streets, two communities each; another district with one. */
export const CITY_GRIDS = [
  'code,name',
  '110105,朝阳区',
  '110105001,建外街道',
  '110105001001,永安里社区',
  '110105001002,光华里社区',
  '110105002,呼家楼街道',
  '110105002001,幸福里社区',
  '110105002002,东大桥社区',
  '110106,丰台区',
  '110106001,右安门街道',
  '110106001001,玉林里社区',
].join('\n');
