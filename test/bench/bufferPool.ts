/**
 * MariaDB's buffer pool for a benchmark: the default 128 MiB is far smaller than the data sets
 * measured here, and a deployment sizes it to its data (docs/deployment-database.md). Raised,
 * never lowered, for the running server only (SET GLOBAL: gone at its next restart).
 */
import mysql from 'mysql2/promise';

/** Raises the running server's pool to at least `minMib`; answers the size in force and the
 * server's version. */
export async function ensureBufferPool(minMib: number): Promise<{ mib: number; version: string }> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  try {
    const read = async () => {
      const [[row]] = await conn.query<mysql.RowDataPacket[]>('SELECT @@innodb_buffer_pool_size AS size, VERSION() AS version');
      return { mib: Number(row.size) / 2 ** 20, version: String(row.version) };
    };
    const before = await read();
    if (before.mib >= minMib) return before;
    console.log(`raising innodb_buffer_pool_size from ${before.mib} MiB to ${minMib} MiB for this server`);
    await conn.query(`SET GLOBAL innodb_buffer_pool_size = ${minMib * 2 ** 20}`);
    // The resize runs in the background; wait until the server reports it done.
    for (let i = 0; i < 120; i++) {
      const [[status]] = await conn.query<mysql.RowDataPacket[]>("SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'");
      if (!status || !/resiz|allocat|withdraw/i.test(String(status.Value ?? '')) || /complete|finished/i.test(String(status.Value))) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return read();
  } finally {
    await conn.end();
  }
}

/** Raises the running server's redo log to at least `minMib` (MariaDB ≥ 10.9 resizes it live):
 * a bulk load through the default 96 MiB log spends its time flushing pages for checkpoints.
 * Never lowered; gone at the server's next restart, as the pool's size. */
export async function ensureRedoLog(minMib: number): Promise<number> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  try {
    const [[row]] = await conn.query<mysql.RowDataPacket[]>('SELECT @@innodb_log_file_size AS size');
    const mib = Number(row.size) / 2 ** 20;
    if (mib >= minMib) return mib;
    console.log(`raising innodb_log_file_size from ${mib} MiB to ${minMib} MiB for this server`);
    await conn.query(`SET GLOBAL innodb_log_file_size = ${minMib * 2 ** 20}`);
    return minMib;
  } finally {
    await conn.end();
  }
}

/** Writes out the pages a bulk load left dirty, then puts the server's flushing settings back:
 * right after a generation the page cleaner still has gigabytes to write (seen: 3.6 GiB dirty
 * after the 10 M load), and it would write them during the measurement. */
export async function flushDirtyPages(timeoutMs = 600_000): Promise<number> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  const dirty = async () => {
    const [[row]] = await conn.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'");
    return Number(row.Value);
  };
  try {
    if ((await dirty()) < 1000) return 0;
    const [[before]] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT @@innodb_max_dirty_pages_pct AS pct, @@innodb_max_dirty_pages_pct_lwm AS lwm, @@innodb_io_capacity AS io, @@innodb_io_capacity_max AS ioMax',
    );
    const started = Date.now();
    try {
      await conn.query(
        'SET GLOBAL innodb_io_capacity_max = 40000, innodb_io_capacity = 20000, innodb_max_dirty_pages_pct_lwm = 0.001, innodb_max_dirty_pages_pct = 0',
      );
      while ((await dirty()) >= 1000 && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      await conn.query(
        `SET GLOBAL innodb_max_dirty_pages_pct = ${Number(before.pct)}, innodb_max_dirty_pages_pct_lwm = ${Number(before.lwm)}, innodb_io_capacity = ${Number(before.io)}, innodb_io_capacity_max = ${Number(before.ioMax)}`,
      );
    }
    return Date.now() - started;
  } finally {
    await conn.end();
  }
}
