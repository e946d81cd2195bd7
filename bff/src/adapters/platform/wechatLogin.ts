/**
 * WeChat mini-program login: `wx.login()` gives the client a one-time code; we exchange it at
 * GET {base}/sns/jscode2session for the openid. The session_key in the answer is dropped
 * here: nothing we do needs it, so it never leaves this function.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
import { PlatformCodeRejected, PlatformUnavailable, fetchWithDeadline, type PlatformLogin } from './platformLogin';

/** errcodes that mean "this code is no good", not "WeChat is down". */
const CODE_ERRORS = new Set([40029, 40163, 40226]);

export function createWechatLogin(cfg: { apiBase: string; appId: string; appSecret: string }, timeoutMs: number): PlatformLogin {
  return {
    platform: 'wechat',
    async exchange(code) {
      const url = new URL('/sns/jscode2session', cfg.apiBase);
      url.search = new URLSearchParams({ appid: cfg.appId, secret: cfg.appSecret, js_code: code, grant_type: 'authorization_code' }).toString();
      const res = await fetchWithDeadline(url.toString(), { method: 'GET' }, timeoutMs, 'WeChat code2Session');
      if (!res.ok) throw new PlatformUnavailable(`WeChat code2Session: HTTP ${res.status}`);
      let body: { openid?: unknown; errcode?: unknown };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new PlatformUnavailable('WeChat code2Session: answer is not JSON');
      }
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
      if (errcode !== 0) {
        if (CODE_ERRORS.has(errcode)) throw new PlatformCodeRejected(`WeChat rejected the code (errcode ${errcode})`);
        throw new PlatformUnavailable(`WeChat code2Session: errcode ${errcode}`);
      }
      if (typeof body.openid !== 'string' || body.openid.length === 0 || body.openid.length > 128) {
        throw new PlatformUnavailable('WeChat code2Session: no openid in the answer');
      }
      return body.openid;
    },
  };
}
