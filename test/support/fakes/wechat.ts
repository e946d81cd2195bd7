/** Fake WeChat API: GET /sns/jscode2session, with codes the test registers. */
import { json, startFakeServer, type FakeServer } from './fakeServer';

export type WechatMode = 'ok' | 'busy' | 'http500' | 'garbage' | 'hang';

export async function startFakeWechat(appId: string, secret: string) {
  const codes = new Map<string, string>(); // code -> openid (single use, as WeChat's are)
  const state = { mode: 'ok' as WechatMode };
  const server: FakeServer = await startFakeServer((req, res) => {
    if (state.mode === 'hang') return;
    if (state.mode === 'http500') return json(res, 500, 'oops');
    if (state.mode === 'garbage') return json(res, 200, '<html>gateway</html>');
    if (state.mode === 'busy') return json(res, 200, { errcode: -1, errmsg: 'system error' });
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== '/sns/jscode2session' || url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) {
      return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
    }
    const code = url.searchParams.get('js_code') ?? '';
    const openid = codes.get(code);
    if (!openid) return json(res, 200, { errcode: 40029, errmsg: 'invalid code' });
    codes.delete(code);
    return json(res, 200, { openid, session_key: 'SESSION-KEY-MUST-NOT-LEAK', unionid: `u-${openid}` });
  });
  return Object.assign(server, {
    /** Makes a one-time code that logs in as `openid`. */
    issueCode(openid: string): string {
      const code = `wx-${Math.random().toString(36).slice(2)}`;
      codes.set(code, openid);
      return code;
    },
    setMode(m: WechatMode) {
      state.mode = m;
    },
  });
}
