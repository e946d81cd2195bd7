/**
 * The one way the app talks to the BFF: adds the session, turns error bodies into ApiError
 * (with the BFF's stable code), and sends the user to login when the session has ended.
 */
import Taro from '@tarojs/taro';
import type { ErrorBody } from '@yima/shared';
import { ApiError } from './apiError';
import { clearToken, getToken } from './session';

export { ApiError } from './apiError';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  /** Send the session token; a 401 then ends the session and opens the login page. */
  auth?: boolean;
  /** Milliseconds before the request fails as NETWORK; 10 s unless told (long polls wait longer). */
  timeout?: number;
  /** Receives a function that cancels the request (it then fails as NETWORK), e.g. to end a
   * long poll when its page hides. */
  onCancel?: (cancel: () => void) => void;
  /** Ask past the browser's HTTP cache (H5): a list an operator just changed, whose route
   * answers with a public max-age for residents. Mini-programs do not cache requests. */
  fresh?: boolean;
  /** More request headers, e.g. `Idempotency-Key` (./idempotency.ts). */
  headers?: Record<string, string>;
}

export const LOGIN_PAGE = '/pages/login/index';

export async function request<T>(path: string, options: RequestOptions = {}): Promise<{ status: number; data: T; header?: Record<string, string> }> {
  const header: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const token = options.auth ? getToken() : null;
  if (options.auth && !token) {
    await Taro.reLaunch({ url: LOGIN_PAGE });
    throw new ApiError('UNAUTHENTICATED', 'not logged in', 401);
  }
  if (token) header.authorization = `Bearer ${token}`;
  let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown>>;
  try {
    const method = options.method ?? 'GET';
    // A bodyless DELETE/POST still goes out as JSON `{}`: browsers send a DELETE without a body
    // with no Content-Length, and the BFF refuses a JSON-typed request it cannot measure (415).
    const data = options.data ?? (method === 'GET' ? undefined : {});
    const task = Taro.request({
      url: YIMA_API_BASE + path,
      method,
      data: data as never,
      header,
      timeout: options.timeout ?? 10_000,
      ...(options.fresh ? { cache: 'no-cache' as const } : {}),
    });
    options.onCancel?.(() => task.abort());
    res = await task;
  } catch {
    throw new ApiError('NETWORK', 'network error', 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300)
    return { status: res.statusCode, data: res.data as T, header: res.header as Record<string, string> | undefined };
  const error = (res.data as Partial<ErrorBody> | undefined)?.error;
  if (res.statusCode === 401 && options.auth) {
    clearToken();
    await Taro.reLaunch({ url: LOGIN_PAGE });
  }
  throw new ApiError(error?.code ?? 'HTTP_' + res.statusCode, error?.message ?? '', res.statusCode, error?.retryAfterSeconds, error?.alternatives);
}
