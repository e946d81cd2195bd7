/** Builds the outside-platform adapters the configuration asks for. Tests pass their own
 * (pointed at fake servers on loopback) through buildApp's deps instead. */
import type { RedisClient } from '../redis';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Pii } from '../crypto/pii';
import { createAlipayLogin } from './platform/alipayLogin';
import type { PlatformLogin } from './platform/platformLogin';
import { createRealNameProviders, type RealNameProviders } from './realName';
import { createWechatLogin } from './platform/wechatLogin';
import { createOutboxSms } from './sms/outboxSms';
import type { SmsProvider } from './sms/smsProvider';
import { createTencentSms } from './sms/tencentSms';

export interface Adapters {
  sms: SmsProvider;
  wechat?: PlatformLogin;
  alipay?: PlatformLogin;
  realName: RealNameProviders;
}

export function createAdapters(config: Config, redis: RedisClient, pii: Pii, clock: Clock): Adapters {
  const { tencent } = config.sms;
  const sms = config.sms.provider === 'tencent' && tencent ? createTencentSms(tencent, config.sms.timeoutMs) : createOutboxSms(redis, pii, clock);
  const { wechat, alipay, timeoutMs } = config.platforms;
  return {
    sms,
    wechat: wechat ? createWechatLogin(wechat, timeoutMs) : undefined,
    alipay: alipay ? createAlipayLogin(alipay, timeoutMs, () => clock.now()) : undefined,
    realName: createRealNameProviders(config),
  };
}
