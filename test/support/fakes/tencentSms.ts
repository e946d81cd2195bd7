/** Fake Tencent Cloud SMS (API 2021-01-11, SendSms), answering as the real one does. */
import { json, startFakeServer, type FakeServer } from './fakeServer';

export type TencentMode = 'ok' | 'refuse' | 'error' | 'http500' | 'hang';

export async function startFakeTencentSms(): Promise<FakeServer & { setMode(m: TencentMode): void; sent: { phone: string; params: string[] }[] }> {
  const state = { mode: 'ok' as TencentMode, sent: [] as { phone: string; params: string[] }[] };
  const server = await startFakeServer((req, res) => {
    const requestId = `req-${server.requests.length}`;
    if (state.mode === 'hang') return; // never answers
    if (state.mode === 'http500') return json(res, 500, 'upstream exploded');
    if (req.headers['x-tc-action'] !== 'SendSms' || !String(req.headers.authorization ?? '').startsWith('TC3-HMAC-SHA256')) {
      return json(res, 200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad request' }, RequestId: requestId } });
    }
    const body = JSON.parse(req.body) as { PhoneNumberSet: string[]; TemplateParamSet: string[] };
    if (state.mode === 'error') {
      return json(res, 200, { Response: { Error: { Code: 'InternalError', Message: `internal error for ${body.PhoneNumberSet[0]}` }, RequestId: requestId } });
    }
    const code = state.mode === 'refuse' ? 'LimitExceeded.PhoneNumberDailyLimit' : 'Ok';
    if (code === 'Ok') state.sent.push({ phone: body.PhoneNumberSet[0], params: body.TemplateParamSet });
    return json(res, 200, {
      Response: {
        SendStatusSet: [{ SerialNo: 's1', PhoneNumber: body.PhoneNumberSet[0], Fee: 1, SessionContext: '', Code: code, Message: code, IsoCode: 'CN' }],
        RequestId: requestId,
      },
    });
  });
  return Object.assign(server, {
    setMode(m: TencentMode) {
      state.mode = m;
    },
    sent: state.sent,
  });
}
