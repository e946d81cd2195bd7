/** What the BFF needs from an SMS provider: send one login code, or fail within the timeout. */
export interface SmsProvider {
  readonly name: string;
  sendLoginCode(phone: string, code: string, validMinutes: number): Promise<void>;
}

/** The provider refused, failed or did not answer in time; nothing about the user in it. */
export class SmsSendError extends Error {}

/** Rejects with SmsSendError when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmsSendError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
