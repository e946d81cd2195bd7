/**
 * Fake Alipay OpenAPI gateway for alipay.system.oauth.token: checks our RSA2 request
 * signature with the app's public key and signs its answers with "Alipay's" private key,
 * exactly over the response node's JSON text, as Alipay does.
 */
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { alipaySignContent } from '@yima/bff/src/adapters/platform/alipayLogin';
import { json, startFakeServer } from './fakeServer';

export type AlipayMode = 'ok' | 'badSignature' | 'unsigned' | 'systemError' | 'hang';

const pemPair = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

export async function startFakeAlipay(appId: string) {
  const app = pemPair(); // the merchant app's keys: the BFF holds the private one
  const platform = pemPair(); // "Alipay's" keys: the BFF holds the public one
  const codes = new Map<string, string>();
  const state = { mode: 'ok' as AlipayMode };

  const signed = (node: string, content: object, mode: AlipayMode) => {
    const text = JSON.stringify(content);
    let sign = createSign('RSA-SHA256').update(text, 'utf8').sign(platform.privateKey, 'base64');
    if (mode === 'badSignature')
      sign = createSign('RSA-SHA256')
        .update(text + ' ', 'utf8')
        .sign(platform.privateKey, 'base64');
    return mode === 'unsigned' ? `{"${node}":${text}}` : `{"${node}":${text},"sign":"${sign}"}`;
  };

  const server = await startFakeServer((req, res) => {
    if (state.mode === 'hang') return;
    const params = Object.fromEntries(new URLSearchParams(req.body));
    const ourSignatureOk =
      params.app_id === appId &&
      params.sign_type === 'RSA2' &&
      createVerify('RSA-SHA256')
        .update(alipaySignContent(params), 'utf8')
        .verify(app.publicKey, params.sign ?? '', 'base64');
    if (!ourSignatureOk) {
      return json(
        res,
        200,
        signed('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' }, 'ok'),
      );
    }
    if (state.mode === 'systemError') {
      return json(
        res,
        200,
        signed('error_response', { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' }, 'ok'),
      );
    }
    const userId = codes.get(params.code);
    if (!userId) {
      return json(
        res,
        200,
        signed('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-invalid', sub_msg: '授权码code无效' }, state.mode),
      );
    }
    codes.delete(params.code);
    const content = {
      access_token: 'authusrB-secret',
      alipay_user_id: '2088x',
      expires_in: 1296000,
      re_expires_in: 2592000,
      refresh_token: 'r',
      user_id: userId,
      open_id: `open-${userId}`,
    };
    return json(res, 200, signed('alipay_system_oauth_token_response', content, state.mode));
  });

  return Object.assign(server, {
    appPrivateKey: app.privateKey,
    platformPublicKey: platform.publicKey,
    issueCode(userId: string): string {
      const code = `ali-${Math.random().toString(36).slice(2)}`;
      codes.set(code, userId);
      return code;
    },
    setMode(m: AlipayMode) {
      state.mode = m;
    },
  });
}
