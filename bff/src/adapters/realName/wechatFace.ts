/**
 * WeChat 人脸核身 for the mini-program: the client calls `wx.startFacialRecognitionVerify`
 * with the name and ID number and receives a `verifyResult`; the BFF checks it at WeChat with
 * POST /cityservice/face/identify/getinfo and compares the digests WeChat returns of the
 * verified name and ID number with those the verification was started for. A verify_result
 * completes one verification only (its SHA-256 is unique in the table).
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/facial/wx.startFacialRecognitionVerify.html
 */
import { jsonOf, providerFetch, RealNameRejected, RealNameUnavailable, type RealNameProvider } from './realNameProvider';

export interface WechatFaceConfig {
  apiBase: string;
  appId: string;
  appSecret: string;
}

/** errcodes of getinfo that mean "this verify_result is no good" (unknown, expired). */
const RESULT_ERRORS = new Set([84001, 84002, 84003]);
/** errcodes that mean our access_token went stale before its time. */
const TOKEN_STALE = new Set([40001, 42001]);

export function createWechatFace(cfg: WechatFaceConfig, timeoutMs: number, nowMs: () => number = () => Date.now()): RealNameProvider {
  let token: { value: string; until: number } | null = null;

  /** The server access_token, kept until 5 minutes before WeChat says it ends. */
  async function accessToken(): Promise<string> {
    if (token && token.until > nowMs()) return token.value;
    const url = new URL('/cgi-bin/token', cfg.apiBase);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: cfg.appId, secret: cfg.appSecret }).toString();
    const body = await jsonOf(await providerFetch(url.toString(), { method: 'GET' }, timeoutMs, 'WeChat token'), 'WeChat token');
    if (typeof body.access_token !== 'string' || !body.access_token) throw new RealNameUnavailable(`WeChat token: errcode ${String(body.errcode ?? 'none')}`);
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    token = { value: body.access_token, until: nowMs() + Math.max(60, seconds - 300) * 1000 };
    return token.value;
  }

  async function getinfo(verifyResult: string): Promise<Record<string, unknown>> {
    const url = new URL('/cityservice/face/identify/getinfo', cfg.apiBase);
    url.searchParams.set('access_token', await accessToken());
    const res = await providerFetch(
      url.toString(),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verify_result: verifyResult }) },
      timeoutMs,
      'WeChat face getinfo',
    );
    return jsonOf(res, 'WeChat face getinfo');
  }

  return {
    name: 'wechat',
    // Nothing to ask WeChat first: the client runs wx.startFacialRecognitionVerify with the
    // name and ID number it has just typed.
    async start() {
      return { ref: null, client: {} };
    },
    async result({ clientResult }) {
      if (!clientResult) throw new RealNameRejected('WeChat: the verifyResult from wx.startFacialRecognitionVerify is missing');
      let body = await getinfo(clientResult);
      if (typeof body.errcode === 'number' && TOKEN_STALE.has(body.errcode)) {
        token = null;
        body = await getinfo(clientResult);
      }
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
      if (errcode !== 0) {
        if (RESULT_ERRORS.has(errcode)) throw new RealNameRejected(`WeChat refused the verify_result (errcode ${errcode})`);
        throw new RealNameUnavailable(`WeChat face getinfo: errcode ${errcode}`);
      }
      if (typeof body.identify_ret !== 'number') throw new RealNameUnavailable('WeChat face getinfo: no identify_ret');
      if (body.identify_ret !== 0) return { kind: 'failed', reason: `WeChat identify_ret ${body.identify_ret}`, resultKey: clientResult };
      if (typeof body.name_utf8_md5 !== 'string' || typeof body.id_card_number_md5 !== 'string')
        throw new RealNameUnavailable('WeChat face getinfo: passed without digests');
      return { kind: 'passed', reported: { kind: 'md5', nameMd5: body.name_utf8_md5, idNumberMd5: body.id_card_number_md5 }, resultKey: clientResult };
    },
  };
}
