import { dropTestDatabase } from './globalSetup';

export default () => dropTestDatabase('e2e');
