import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { CITY_GRIDS } from './grids';
import { testEnv } from './testApp';

/** Imports the test city's grids into the e2e database with the real admin command (an import
 * run again changes nothing, so every e2e file that needs them may call it). */
export async function importCityGrids(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'yima-grids-'));
  try {
    await writeFile(join(dir, 'grids.csv'), CITY_GRIDS);
    const lines: string[] = [];
    expect(await runAdmin(['grids', 'import', join(dir, 'grids.csv')], testEnv('e2e'), (l) => lines.push(l))).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
