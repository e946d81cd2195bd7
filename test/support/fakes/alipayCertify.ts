/**
 * Fake Alipay OpenAPI gateway for 身份认证: alipay.user.certify.open.initialize and .query,
 * checking our RSA2 signature and signing its answers over the response node's JSON text.
 * The test decides the outcome of each certify_id (`finish`), as the user would in Alipay.
 */
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { alipaySignContent } from '@yima/bff/src/adapters/platform/alipayLogin';
import { json, startFakeServer } from './fakeServer';

export type AlipayCertifyMode = 'ok' | 'hang' | 'badSignature' | 'systemError';

const pemPair = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

export async function startFakeAlipayCertify(appId: string) {
  const app = pemPair();
  const platform = pemPair();
  const state = { mode: 'ok' as AlipayCertifyMode };
  const certs = new Map<string, { name: string; idNumber: string; passed: 'T' | 'F' | null; reportAs?: { name: string; idNumber: string } }>();

  const signed = (node: string, content: object) => {
    const text = JSON.stringify(content);
    const sign = createSign('RSA-SHA256')
      .update(state.mode === 'badSignature' ? `${text} ` : text, 'utf8')
      .sign(platform.privateKey, 'base64');
    return `{"${node}":${text},"sign":"${sign}"}`;
  };

  const server = await startFakeServer((req, res) => {
    if (state.mode === 'hang') return;
    const params = Object.fromEntries(new URLSearchParams(req.body));
    const ours =
      params.app_id === appId &&
      createVerify('RSA-SHA256')
        .update(alipaySignContent(params), 'utf8')
        .verify(app.publicKey, params.sign ?? '', 'base64');
    const node = `${String(params.method).replace(/\./g, '_')}_response`;
    if (!ours) return json(res, 200, signed('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' }));
    if (state.mode === 'systemError')
      return json(res, 200, signed(node, { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' }));
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, any>;
    if (params.method === 'alipay.user.certify.open.initialize') {
      const certifyId = `cid${Math.random().toString(36).slice(2)}${Date.now()}`;
      certs.set(certifyId, { name: biz.identity_param.cert_name, idNumber: biz.identity_param.cert_no, passed: null });
      return json(res, 200, signed(node, { code: '10000', msg: 'Success', certify_id: certifyId }));
    }
    if (params.method === 'alipay.user.certify.open.query') {
      const c = certs.get(biz.certify_id);
      if (!c)
        return json(res, 200, signed(node, { code: '40004', msg: 'Business Failed', sub_code: 'OPEN_CERTIFY_BILL_NOT_EXIST', sub_msg: '无效的certify_id' }));
      const who = c.reportAs ?? c;
      const identityInfo =
        c.passed === 'T' ? JSON.stringify({ identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: who.name, cert_no: who.idNumber }) : '{}';
      return json(res, 200, signed(node, { code: '10000', msg: 'Success', passed: c.passed ?? 'F', identity_info: identityInfo, material_info: '{}' }));
    }
    return json(res, 200, signed('error_response', { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method' }));
  });

  return Object.assign(server, {
    appPrivateKey: app.privateKey,
    platformPublicKey: platform.publicKey,
    setMode(m: AlipayCertifyMode) {
      state.mode = m;
    },
    /** The user finishes in Alipay; `reportAs`: Alipay verified someone else. */
    finish(certifyId: string, passed: boolean, reportAs?: { name: string; idNumber: string }) {
      const c = certs.get(certifyId);
      if (!c) throw new Error('unknown certify_id');
      c.passed = passed ? 'T' : 'F';
      c.reportAs = reportAs;
    },
  });
}
