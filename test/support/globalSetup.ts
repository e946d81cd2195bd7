/** Each test run starts from an empty database, so schema changes apply and no run sees
 * the rows of another. One entry per vitest project, each dropping only its own. */
import mysql from 'mysql2/promise';
import { TEST_DB } from './testApp';

export async function dropTestDatabase(which: keyof typeof TEST_DB): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${TEST_DB[which].mysql}\``);
  } finally {
    await conn.end();
  }
}
