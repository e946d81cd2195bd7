import { describe, expect, it } from 'vitest';
import { ApiError } from './apiError';
import { newIdempotencyKey, withRetries } from './idempotency';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotency keys', () => {
  it('when keys are made, then each is a version-4 UUID (the form the BFF accepts) and they differ', () => {
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    for (const k of keys) expect(k).toMatch(UUID);
    expect(new Set(keys).size).toBe(50);
  });

  it('when a try ends with no answer or REQUEST_IN_PROGRESS, then it is tried again; a clear refusal is not', async () => {
    const failures = [new ApiError('NETWORK', '', 0), new ApiError('REQUEST_IN_PROGRESS', '', 409, 1)];
    let tries = 0;
    const answer = await withRetries(
      async () => {
        const failure = failures[tries++];
        if (failure) throw failure;
        return 'ok';
      },
      3,
      1,
    );
    expect([answer, tries]).toEqual(['ok', 3]);

    let refused = 0;
    await expect(
      withRetries(
        async () => {
          refused++;
          throw new ApiError('VENUE_INACTIVE', '', 409);
        },
        3,
        1,
      ),
    ).rejects.toMatchObject({ code: 'VENUE_INACTIVE' });
    expect(refused).toBe(1);
  });
});
