import { describe, expect, it } from 'vitest';
import type { Db } from './pool';
import { inTransaction, lockConflict, lostRace } from './transaction';

const sqlError = (code: string) => Object.assign(new Error(code), { code });

/** A pool whose connections record what is asked of them. */
function fakeDb(o: { rollbackFails?: boolean } = {}) {
  const log: string[] = [];
  let connections = 0;
  const db = {
    async getConnection() {
      const n = ++connections;
      return {
        query: async (sql: string) => void log.push(`${n}: ${sql}`),
        beginTransaction: async () => void log.push(`${n}: BEGIN`),
        commit: async () => void log.push(`${n}: COMMIT`),
        rollback: async () => {
          log.push(`${n}: ROLLBACK`);
          if (o.rollbackFails) throw sqlError('PROTOCOL_CONNECTION_LOST');
        },
        release: () => void log.push(`${n}: released`),
        destroy: () => void log.push(`${n}: destroyed`),
      };
    },
  } as unknown as Db;
  return { db, log };
}

/** Work failing with these errors in turn, then answering 'done'. */
function failing(...errors: Error[]) {
  let runs = 0;
  return {
    work: async () => {
      const err = errors[runs++];
      if (err) throw err;
      return 'done';
    },
    runs: () => runs,
  };
}

describe('one transaction', () => {
  it('when the work succeeds, then it is committed and the connection goes back to the pool', async () => {
    const { db, log } = fakeDb();
    expect(await inTransaction(db, async () => 'done')).toBe('done');
    expect(log).toEqual(['1: BEGIN', '1: COMMIT', '1: released']);
  });

  it('when an isolation level is asked for, then it is set for that transaction, before it begins', async () => {
    const { db, log } = fakeDb();
    await inTransaction(db, async () => 'done', { isolation: 'READ COMMITTED' });
    expect(log).toEqual(['1: SET TRANSACTION ISOLATION LEVEL READ COMMITTED', '1: BEGIN', '1: COMMIT', '1: released']);
  });

  it('when the work fails and no retry is asked for, then it is rolled back and its error thrown', async () => {
    const { db, log } = fakeDb();
    const w = failing(sqlError('ER_LOCK_DEADLOCK'));
    await expect(inTransaction(db, w.work)).rejects.toMatchObject({ code: 'ER_LOCK_DEADLOCK' });
    expect(w.runs()).toBe(1);
    expect(log).toEqual(['1: BEGIN', '1: ROLLBACK', '1: released']);
  });

  it('when the work loses a lock and a retry is asked for, then it runs again on a fresh transaction until it goes through', async () => {
    const { db, log } = fakeDb();
    const w = failing(sqlError('ER_LOCK_DEADLOCK'), sqlError('ER_LOCK_WAIT_TIMEOUT'));
    expect(await inTransaction(db, w.work, { isolation: 'READ COMMITTED', retry: { attempts: 5, when: lockConflict } })).toBe('done');
    expect(w.runs()).toBe(3);
    expect(log.filter((l) => /ROLLBACK|COMMIT|ISOLATION/.test(l))).toEqual([
      '1: SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
      '1: ROLLBACK',
      '2: SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
      '2: ROLLBACK',
      '3: SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
      '3: COMMIT',
    ]);
  });

  it('when the work keeps losing, then it runs `attempts` times in all and the last error is thrown', async () => {
    const { db } = fakeDb();
    const w = failing(...Array.from({ length: 9 }, (_, i) => sqlError(i % 2 ? 'ER_LOCK_WAIT_TIMEOUT' : 'ER_LOCK_DEADLOCK')));
    await expect(inTransaction(db, w.work, { retry: { attempts: 5, when: lockConflict } })).rejects.toMatchObject({ code: 'ER_LOCK_DEADLOCK' });
    expect(w.runs()).toBe(5);
  });

  it('when the work fails with an error the retry does not accept, then it is not run again', async () => {
    const { db } = fakeDb();
    const w = failing(sqlError('ER_DUP_ENTRY'));
    await expect(inTransaction(db, w.work, { retry: { attempts: 5, when: lockConflict } })).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(w.runs()).toBe(1);
  });

  it('when the rollback fails too, then the work’s error is the one thrown (and retried on), and the connection is closed, not reused', async () => {
    const first = fakeDb({ rollbackFails: true });
    await expect(inTransaction(first.db, failing(sqlError('ER_LOCK_DEADLOCK')).work)).rejects.toMatchObject({ code: 'ER_LOCK_DEADLOCK' });
    expect(first.log).toEqual(['1: BEGIN', '1: ROLLBACK', '1: destroyed']);
    const second = fakeDb({ rollbackFails: true });
    expect(await inTransaction(second.db, failing(sqlError('ER_LOCK_DEADLOCK')).work, { retry: { attempts: 2, when: lockConflict } })).toBe('done');
    expect(second.log).toEqual(['1: BEGIN', '1: ROLLBACK', '1: destroyed', '2: BEGIN', '2: COMMIT', '2: released']);
  });
});

describe('which errors are retried', () => {
  it('lockConflict: a deadlock or a lock wait timeout; lostRace: a deadlock or a duplicate key', () => {
    expect(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_DUP_ENTRY', 'ECONNREFUSED'].map((c) => lockConflict(sqlError(c)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_DUP_ENTRY', 'ECONNREFUSED'].map((c) => lostRace(sqlError(c)))).toEqual([true, false, true, false]);
  });
});
