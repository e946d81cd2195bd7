/**
 * Tencent Cloud SMS through its official SDK (tencentcloud-sdk-nodejs-sms, API 2021-01-11).
 * The endpoint and protocol are configurable so tests can point it at a fake server on
 * loopback. Our own timeout bounds the call so a hanging provider never holds a request.
 */
import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import type { Config } from '../../config';
import { SmsSendError, withTimeout, type SmsProvider } from './smsProvider';

type TencentConfig = NonNullable<Config['sms']['tencent']>;

export function createTencentSms(cfg: TencentConfig, timeoutMs: number): SmsProvider {
  const SmsClient = tencentcloud.sms.v20210111.Client;
  const client = new SmsClient({
    credential: { secretId: cfg.secretId, secretKey: cfg.secretKey },
    region: cfg.region,
    profile: { httpProfile: { endpoint: cfg.endpoint, protocol: `${cfg.protocol}://`, reqTimeout: timeoutMs / 1000 } },
  });
  return {
    name: 'tencent',
    async sendLoginCode(phone, code, validMinutes) {
      let result;
      try {
        result = await withTimeout(
          client.SendSms({
            PhoneNumberSet: [`+86${phone}`],
            SmsSdkAppId: cfg.sdkAppId,
            SignName: cfg.signName,
            TemplateId: cfg.templateId,
            TemplateParamSet: [code, String(validMinutes)],
          }),
          timeoutMs,
          'Tencent SMS',
        );
      } catch (err) {
        if (err instanceof SmsSendError) throw err;
        // Only the provider's error code: its messages may echo the phone number.
        throw new SmsSendError(`Tencent SMS failed: ${(err as { code?: string }).code ?? 'network error'}`);
      }
      const status = result.SendStatusSet?.[0];
      if (!status || status.Code !== 'Ok') throw new SmsSendError(`Tencent SMS refused the message: ${status?.Code ?? 'no status'}`);
    },
  };
}
