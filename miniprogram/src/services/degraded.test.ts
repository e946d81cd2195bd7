import { describe, expect, it } from 'vitest';
import { degradedAsOf } from './degraded';

describe('the code answer’s degraded marker', () => {
  it('when the header names the risk areas’ time, then that time is read, whatever the header name’s case', () => {
    expect(degradedAsOf({ 'x-yima-degraded': 'risk-areas; as-of=2026-11-22T08:00:00.000Z' })?.toISOString()).toBe('2026-11-22T08:00:00.000Z');
    expect(degradedAsOf({ 'X-Yima-Degraded': 'risk-areas; as-of=2026-11-22T08:00:00.000Z' })?.toISOString()).toBe('2026-11-22T08:00:00.000Z');
  });

  it('when there is no header, or one this version does not understand, then the answer is not marked', () => {
    expect(degradedAsOf(undefined)).toBeNull();
    expect(degradedAsOf({ 'content-type': 'application/json' })).toBeNull();
    expect(degradedAsOf({ 'x-yima-degraded': 'marks; as-of=2026-11-22T08:00:00.000Z' })).toBeNull();
    expect(degradedAsOf({ 'x-yima-degraded': 'risk-areas; as-of=yesterday' })).toBeNull();
  });
});
