/**
 * Fake Tencent Cloud FaceID (API 2018-03-01): DetectAuth and GetDetectInfoEnhanced, checking
 * our TC3-HMAC-SHA256 signature with the secret key as Tencent does. The test decides how
 * each verification ends (`finish`); the BizToken is in the page URL, as the user's browser
 * would carry it.
 */
import { tc3Authorization } from '@yima/bff/src/adapters/realName/tc3';
import { json, startFakeServer } from './fakeServer';

export type FaceIdMode = 'ok' | 'hang' | 'http500' | 'internalError';
type Ending = { kind: 'pass'; name?: string; idNumber?: string } | { kind: 'fail' };

export async function startFakeFaceId(secretId: string, secretKey: string, ruleId: string) {
  const state = { mode: 'ok' as FaceIdMode };
  const tokens = new Map<string, { name: string; idNumber: string; ending: Ending | null }>();
  const server = await startFakeServer((req, res) => {
    const requestId = `req-${server.requests.length}`;
    if (state.mode === 'hang') return;
    if (state.mode === 'http500') return json(res, 500, 'upstream exploded');
    const action = String(req.headers['x-tc-action'] ?? '');
    const expected = tc3Authorization({
      secretId,
      secretKey,
      service: 'faceid',
      host: String(req.headers.host),
      payload: req.body,
      timestamp: Number(req.headers['x-tc-timestamp']),
    });
    if (req.headers.authorization !== expected || req.headers['x-tc-version'] !== '2018-03-01') {
      return json(res, 200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature' }, RequestId: requestId } });
    }
    if (state.mode === 'internalError') return json(res, 200, { Response: { Error: { Code: 'InternalError', Message: 'internal' }, RequestId: requestId } });
    const body = JSON.parse(req.body) as Record<string, string>;
    if (body.RuleId !== ruleId) return json(res, 200, { Response: { Error: { Code: 'InvalidParameterValue.RuleId', Message: 'rule' }, RequestId: requestId } });
    if (action === 'DetectAuth') {
      const token = `BT-${Math.random().toString(36).slice(2)}-${Date.now()}`;
      tokens.set(token, { name: body.Name, idNumber: body.IdCard, ending: null });
      return json(res, 200, {
        Response: { Url: `https://faceid.example/h5?token=${token}&redirect=${encodeURIComponent(body.RedirectUrl)}`, BizToken: token, RequestId: requestId },
      });
    }
    if (action === 'GetDetectInfoEnhanced') {
      const t = tokens.get(body.BizToken);
      if (!t) return json(res, 200, { Response: { Error: { Code: 'InvalidParameter.BizTokenIllegal', Message: 'token' }, RequestId: requestId } });
      const text = !t.ending
        ? { ErrCode: null, ErrMsg: null, Name: '', IdCard: '' }
        : t.ending.kind === 'fail'
          ? { ErrCode: 1001, ErrMsg: '比对不通过', Name: t.name, IdCard: t.idNumber }
          : { ErrCode: 0, ErrMsg: '成功', Name: t.ending.name ?? t.name, IdCard: t.ending.idNumber ?? t.idNumber };
      return json(res, 200, { Response: { Text: text, RequestId: requestId } });
    }
    return json(res, 200, { Response: { Error: { Code: 'InvalidAction', Message: action }, RequestId: requestId } });
  });
  return Object.assign(server, {
    setMode(m: FaceIdMode) {
      state.mode = m;
    },
    /** The user finishes on Tencent's page: passed (as themselves, or as someone else) or not. */
    finish(pageUrl: string, ending: Ending) {
      const token = new URL(pageUrl).searchParams.get('token') ?? '';
      const t = tokens.get(token);
      if (!t) throw new Error('unknown BizToken');
      t.ending = ending;
    },
  });
}
