import { dropTestDatabase } from './globalSetup';

export default () => dropTestDatabase('integration');
