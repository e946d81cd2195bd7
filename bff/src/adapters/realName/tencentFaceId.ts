/**
 * Tencent Cloud FaceID 慧眼 (人脸核身 SaaS, API 2018-03-01) for H5: DetectAuth gives a
 * BizToken and the URL of Tencent's verification page, to which the client goes; it comes
 * back to our RedirectUrl, and the BFF then asks GetDetectInfoEnhanced for the outcome and
 * the name and ID number Tencent verified. The BizToken never leaves the server (the client
 * gets only the URL); a BizToken completes one verification (unique in the table).
 * https://cloud.tencent.com/document/api/1007/31816 · https://cloud.tencent.com/document/product/1007/41957
 */
import { providerFetch, jsonOf, RealNameRejected, RealNameUnavailable, type RealNameProvider } from './realNameProvider';
import { tc3Authorization, TC3_CONTENT_TYPE } from './tc3';

export interface TencentFaceIdConfig {
  /** https://faceid.tencentcloudapi.com, or a fake server in tests. */
  endpoint: string;
  secretId: string;
  secretKey: string;
  ruleId: string;
  /** Where Tencent's page sends the user back; `verification=<id>` is appended. */
  redirectUrl: string;
}

const VERSION = '2018-03-01';
/** Error codes that mean "this BizToken is no good", not "Tencent is down". */
const TOKEN_ERRORS = /^(InvalidParameter|FailedOperation\.(BizToken|TokenExpired))/;

export function createTencentFaceId(
  cfg: TencentFaceIdConfig,
  timeoutMs: number,
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
): RealNameProvider {
  const host = new URL(cfg.endpoint).host;

  async function call(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const payload = JSON.stringify(params);
    const timestamp = nowSeconds();
    const res = await providerFetch(
      cfg.endpoint,
      {
        method: 'POST',
        headers: {
          'content-type': TC3_CONTENT_TYPE,
          'x-tc-action': action,
          'x-tc-version': VERSION,
          'x-tc-timestamp': String(timestamp),
          authorization: tc3Authorization({ secretId: cfg.secretId, secretKey: cfg.secretKey, service: 'faceid', host, payload, timestamp }),
        },
        body: payload,
      },
      timeoutMs,
      `FaceID ${action}`,
    );
    const body = await jsonOf(res, `FaceID ${action}`);
    const response = body.Response as Record<string, unknown> | undefined;
    if (!response || typeof response !== 'object') throw new RealNameUnavailable(`FaceID ${action}: no Response`);
    const error = response.Error as { Code?: unknown } | undefined;
    if (error) {
      // The code only: Tencent's messages may repeat what we sent (name, ID number).
      const code = String(error.Code ?? 'unknown');
      if (TOKEN_ERRORS.test(code) && action !== 'DetectAuth') throw new RealNameRejected(`FaceID ${action} refused the BizToken (${code})`);
      throw new RealNameUnavailable(`FaceID ${action}: ${code}`);
    }
    return response;
  }

  return {
    name: 'tencent',
    async start(subject, verificationId) {
      const redirect = new URL(cfg.redirectUrl);
      // Hash-routed H5 pages keep their query inside the fragment.
      if (redirect.hash) redirect.hash += `${redirect.hash.includes('?') ? '&' : '?'}verification=${verificationId}`;
      else redirect.searchParams.set('verification', verificationId);
      const r = await call('DetectAuth', {
        RuleId: cfg.ruleId,
        IdCard: subject.idNumber,
        Name: subject.name,
        RedirectUrl: redirect.toString(),
        Extra: verificationId,
      });
      if (typeof r.BizToken !== 'string' || !/^[\w-]{8,128}$/.test(r.BizToken) || typeof r.Url !== 'string' || !/^https?:\/\//.test(r.Url)) {
        throw new RealNameUnavailable('FaceID DetectAuth: no BizToken or Url in the answer');
      }
      return { ref: r.BizToken, client: { url: r.Url } };
    },
    async result({ ref }) {
      if (!ref) throw new RealNameRejected('FaceID: no BizToken for this verification');
      const r = await call('GetDetectInfoEnhanced', { BizToken: ref, RuleId: cfg.ruleId, InfoType: '1' });
      const text = r.Text as { ErrCode?: unknown; Name?: unknown; IdCard?: unknown } | null | undefined;
      // ErrCode is null until the user has finished on Tencent's page.
      if (!text || text.ErrCode === null || text.ErrCode === undefined) return { kind: 'pending', resultKey: ref };
      if (text.ErrCode !== 0) return { kind: 'failed', reason: `FaceID ErrCode ${String(text.ErrCode)}`, resultKey: ref };
      if (typeof text.Name !== 'string' || typeof text.IdCard !== 'string') throw new RealNameUnavailable('FaceID: passed without a name and ID number');
      return { kind: 'passed', reported: { kind: 'plain', name: text.Name, idNumber: text.IdCard }, resultKey: ref };
    },
  };
}
