import { dropTestDatabase } from './globalSetup';
import { shareTestKeys } from './testApp';

export default () => {
  shareTestKeys();
  return dropTestDatabase('integration');
};
