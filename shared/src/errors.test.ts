import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CODES, ERROR_STATUS, limited, statusOf } from './errors';

describe('the code → status table', () => {
  it('gives every code a 4xx or 5xx status', () => {
    for (const code of ERROR_CODES) expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('when an error names a situation its code knows, then that status; otherwise the code’s', () => {
    expect(statusOf(new DomainError('CODE_REVOKED', 'void'))).toBe(400);
    expect(statusOf(new DomainError('CODE_REVOKED', 'void', { situation: 'print' }))).toBe(410);
    expect(statusOf(new DomainError('VERIFICATION_REQUIRED', 'verify', { situation: 'claim' }))).toBe(409);
    expect(statusOf(new DomainError('BAD_SIGNATURE', 'forged', { situation: 'feedRequest' }))).toBe(401);
    expect(statusOf(new DomainError('NOT_FOUND', 'gone', { situation: 'print' }))).toBe(404);
  });

  it('when a refusal is limited, then it says when to retry, at least a second from now', () => {
    expect(limited('SMS_RATE_LIMITED', 'wait', 1).retryAfterSeconds).toBe(1);
    expect(limited('SMS_RATE_LIMITED', 'wait', 2500, ['simple'])).toMatchObject({ retryAfterSeconds: 3, alternatives: ['simple'] });
  });
});
