import { buildH5 } from './buildH5';
import { dropTestDatabase } from './globalSetup';
import { shareTestKeys } from './testApp';

/** Once per run: an empty e2e database and a fresh production H5 build for every e2e file. */
export default async () => {
  shareTestKeys();
  await dropTestDatabase('e2e');
  buildH5();
};
