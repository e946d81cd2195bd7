/**
 * Rotating place codes (issue 6, opt-in per place): instead of a static poster, a screen at the
 * entrance shows a QR whose token changes every STEP_SECONDS (a TOTP-like HMAC of the time
 * step with the place's own secret). A photo of it shared online stops working within a
 * minute; a visit must carry a token of the current or the previous step.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const STEP_SECONDS = 30;

function tokenAt(secret: Buffer, step: number): string {
  return createHmac('sha256', secret).update(String(step)).digest('base64url').slice(0, 10);
}

export function currentPlaceToken(secret: Buffer, now: Date): { token: string; expiresAt: Date } {
  const step = Math.floor(now.getTime() / 1000 / STEP_SECONDS);
  return { token: tokenAt(secret, step), expiresAt: new Date((step + 1) * STEP_SECONDS * 1000) };
}

export function placeTokenValid(secret: Buffer, token: string | undefined, now: Date): boolean {
  if (!token || !/^[A-Za-z0-9_-]{10}$/.test(token)) return false;
  const step = Math.floor(now.getTime() / 1000 / STEP_SECONDS);
  return [step, step - 1].some((s) => timingSafeEqual(Buffer.from(tokenAt(secret, s)), Buffer.from(token)));
}
