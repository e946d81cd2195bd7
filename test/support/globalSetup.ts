/** Each test run starts from an empty database and an empty Redis DB, so schema changes
 * apply and no run sees the rows, sessions or rate-limit counters of another (the per-IP SMS
 * limit would otherwise carry over between runs on one machine). One entry per vitest
 * project, each emptying only its own. */
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { TEST_DB, TEST_REDIS } from './testApp';

export async function dropTestDatabase(which: keyof typeof TEST_DB): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${TEST_DB[which].mysql}\``);
  } finally {
    await conn.end();
  }
  const redis = new Redis(`${TEST_REDIS}/${TEST_DB[which].redisDb}`);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
