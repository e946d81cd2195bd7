/** What the BFF needs from WeChat and Alipay: turn a one-time code from the client into the
 * platform's stable id for that user. Secrets and session keys stay inside the adapter. */
export interface PlatformLogin {
  readonly platform: 'wechat' | 'alipay';
  /** Resolves to the user's stable id on the platform (openid / Alipay user id). */
  exchange(code: string): Promise<string>;
}

/** The platform said the code is invalid, used or expired: the user should try again. */
export class PlatformCodeRejected extends Error {}

/** The platform failed, timed out or answered something we cannot trust. */
export class PlatformUnavailable extends Error {}

/** fetch with a deadline; network errors and time-outs become PlatformUnavailable. */
export async function fetchWithDeadline(url: string, init: RequestInit, timeoutMs: number, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'network error';
    throw new PlatformUnavailable(`${what}: ${reason}`);
  }
}
