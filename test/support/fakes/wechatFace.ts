/**
 * Fake WeChat server API for 人脸核身: /cgi-bin/token and /cityservice/face/identify/getinfo.
 * `issueResult` stands for a finished wx.startFacialRecognitionVerify: the verifyResult the
 * client would receive, for whom, and whether the face matched.
 */
import { createHash } from 'node:crypto';
import { json, startFakeServer } from './fakeServer';

export type WechatFaceMode = 'ok' | 'hang' | 'busy';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

export async function startFakeWechatFace(appId: string, secret: string) {
  const state = { mode: 'ok' as WechatFaceMode, tokens: 0 };
  const results = new Map<string, { name: string; idNumber: string; ret: number; openid: string }>();
  const valid = new Set<string>();
  const server = await startFakeServer((req, res) => {
    if (state.mode === 'hang') return;
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret)
        return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      const token = `AT-${++state.tokens}`;
      valid.add(token);
      return json(res, 200, { access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cityservice/face/identify/getinfo') {
      if (!valid.has(url.searchParams.get('access_token') ?? '')) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      if (state.mode === 'busy') return json(res, 200, { errcode: -1, errmsg: 'system error' });
      const { verify_result: verifyResult } = JSON.parse(req.body) as { verify_result?: string };
      const r = results.get(verifyResult ?? '');
      if (!r) return json(res, 200, { errcode: 84001, errmsg: 'invalid verify_result' });
      return json(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        identify_ret: r.ret,
        identify_time: 1700000000,
        validate_data: '1234',
        openid: r.openid,
        user_id_key: 'uik',
        finish_time: 1700000000,
        id_card_number_md5: md5(r.idNumber),
        name_utf8_md5: md5(r.name),
      });
    }
    return json(res, 404, { errcode: 404 });
  });
  return Object.assign(server, {
    setMode(m: WechatFaceMode) {
      state.mode = m;
    },
    /** Drops every access token, as WeChat does when another server fetched a new one. */
    expireTokens() {
      valid.clear();
    },
    issueResult(who: { name: string; idNumber: string }, ret = 0): string {
      const verifyResult = `VR-${Math.random().toString(36).slice(2)}`;
      results.set(verifyResult, { ...who, ret, openid: 'o-user' });
      return verifyResult;
    },
  });
}
