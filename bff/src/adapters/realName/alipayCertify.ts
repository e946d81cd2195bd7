/**
 * Alipay 实人认证 (身份认证): alipay.user.certify.open.initialize binds a certify_id to the name
 * and ID number we send; the client runs `my.startAPVerify` with the signed certify URL
 * (alipay.user.certify.open.certify is a page method: the URL is signed here, no call); the
 * BFF then asks alipay.user.certify.open.query whether it passed. Requests are RSA2-signed and
 * answers verified against Alipay's public key, as in the login adapter. The certify_id never
 * completes a second verification (unique in the table).
 * https://opendocs.alipay.com/open/02ahjy (initialize) · .../02ahjw (query)
 */
import { createSign, createVerify } from 'node:crypto';
import { alipaySignContent, beijingTimestamp, extractSignedNode, type AlipayConfig } from '../platform/alipayLogin';
import { providerFetch, RealNameRejected, RealNameUnavailable, type RealNameProvider } from './realNameProvider';

export interface AlipayCertifyConfig extends AlipayConfig {
  /** FACE (face only) or CERT_PHOTO_FACE etc., as contracted with Alipay. */
  bizCode: string;
  /** Where Alipay returns the user after certifying (H5 only; mini-programs come back by callback). */
  returnUrl: string;
}

/** sub_codes of query meaning "no such certify_id (or expired)". */
const CERTIFY_ERRORS = new Set(['OPEN_CERTIFY_BILL_NOT_EXIST', 'isv.invalid-certify-id', 'CERTIFY_ID_EXPIRED']);

export function createAlipayCertify(cfg: AlipayCertifyConfig, timeoutMs: number, now: () => Date = () => new Date()): RealNameProvider {
  function signed(method: string, bizContent: object): Record<string, string> {
    const params: Record<string, string> = {
      app_id: cfg.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTimestamp(now()),
      version: '1.0',
      biz_content: JSON.stringify(bizContent),
    };
    params.sign = createSign('RSA-SHA256').update(alipaySignContent(params), 'utf8').sign(cfg.privateKey, 'base64');
    return params;
  }

  /** One OpenAPI call; the answer's content node, accepted only with a valid signature. */
  async function call(method: string, bizContent: object): Promise<Record<string, unknown>> {
    const what = `Alipay ${method}`;
    const res = await providerFetch(
      cfg.gateway,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(signed(method, bizContent)).toString(),
      },
      timeoutMs,
      what,
    );
    if (!res.ok) throw new RealNameUnavailable(`${what}: HTTP ${res.status}`);
    let text: string;
    let body: Record<string, unknown>;
    try {
      text = await res.text();
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new RealNameUnavailable(`${what}: answer is not JSON`);
    }
    const successNode = `${method.replace(/\./g, '_')}_response`;
    const node = successNode in body ? successNode : 'error_response';
    const content = body[node] as Record<string, unknown> | undefined;
    const signedText = extractSignedNode(text, node);
    const verified =
      typeof body.sign === 'string' && signedText !== null && createVerify('RSA-SHA256').update(signedText, 'utf8').verify(cfg.publicKey, body.sign, 'base64');
    if (!content || !verified) throw new RealNameUnavailable(`${what}: answer failed signature verification`);
    if (node === 'error_response' || content.code !== '10000') {
      const subCode = String(content.sub_code ?? '');
      if (CERTIFY_ERRORS.has(subCode)) throw new RealNameRejected(`${what}: ${subCode}`);
      throw new RealNameUnavailable(`${what}: ${String(content.code)} ${subCode}`);
    }
    return content;
  }

  return {
    name: 'alipay',
    async start(subject, verificationId) {
      const r = await call('alipay.user.certify.open.initialize', {
        outer_order_no: verificationId,
        biz_code: cfg.bizCode,
        identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: subject.name, cert_no: subject.idNumber },
        merchant_config: { return_url: cfg.returnUrl },
      });
      if (typeof r.certify_id !== 'string' || !/^[\w-]{8,128}$/.test(r.certify_id)) throw new RealNameUnavailable('Alipay initialize: no certify_id');
      const url = `${cfg.gateway}?${new URLSearchParams(signed('alipay.user.certify.open.certify', { certify_id: r.certify_id })).toString()}`;
      return { ref: r.certify_id, client: { certifyId: r.certify_id, url } };
    },
    async result({ ref }) {
      if (!ref) throw new RealNameRejected('Alipay: no certify_id for this verification');
      const r = await call('alipay.user.certify.open.query', { certify_id: ref });
      // "F" is both "failed" and "not done yet" for Alipay; the client asks only after
      // my.startAPVerify has returned, so it is read as failed.
      if (r.passed !== 'T') return { kind: 'failed', reason: `Alipay passed=${String(r.passed)}`, resultKey: ref };
      // identity_info (when the contract returns it) must name the same person; otherwise the
      // certify_id is bound to the name and ID number we initialised it with.
      const info = parseIdentityInfo(r.identity_info);
      if (info) return { kind: 'passed', reported: { kind: 'plain', name: info.name, idNumber: info.idNumber }, resultKey: ref };
      return { kind: 'passed', reported: { kind: 'bound' }, resultKey: ref };
    },
  };
}

function parseIdentityInfo(raw: unknown): { name: string; idNumber: string } | null {
  if (typeof raw !== 'string') return null;
  try {
    const info = JSON.parse(raw) as { cert_name?: unknown; cert_no?: unknown };
    return typeof info.cert_name === 'string' && typeof info.cert_no === 'string' ? { name: info.cert_name, idNumber: info.cert_no } : null;
  } catch {
    return null;
  }
}
