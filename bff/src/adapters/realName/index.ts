/** The real-name providers the configuration asks for, and which one serves a client. */
import type { RealNameProviderName, VerificationChannel } from '@yima/shared';
import type { Config } from '../../config';
import { createAlipayCertify } from './alipayCertify';
import { createDevRealName } from './devRealName';
import type { RealNameProvider } from './realNameProvider';
import { createTencentFaceId } from './tencentFaceId';
import { createWechatFace } from './wechatFace';

export type RealNameProviders = Partial<Record<RealNameProviderName, RealNameProvider>>;

export function createRealNameProviders(config: Config): RealNameProviders {
  const { realName, platforms } = config;
  const out: RealNameProviders = {};
  for (const name of realName.providers) {
    if (name === 'dev') out.dev = createDevRealName();
    if (name === 'tencent' && realName.tencent) out.tencent = createTencentFaceId({ ...realName.tencent, redirectUrl: realName.returnUrl }, realName.timeoutMs);
    if (name === 'wechat' && platforms.wechat) out.wechat = createWechatFace(platforms.wechat, realName.timeoutMs);
    if (name === 'alipay' && platforms.alipay)
      out.alipay = createAlipayCertify({ ...platforms.alipay, bizCode: realName.alipayBizCode, returnUrl: realName.returnUrl }, realName.timeoutMs);
  }
  return out;
}

/** Each channel's own provider; the dev provider stands in where that one is not configured. */
const BY_CHANNEL: Record<VerificationChannel, RealNameProviderName> = { h5: 'tencent', weapp: 'wechat', alipay: 'alipay' };

export function providerFor(providers: RealNameProviders, channel: VerificationChannel): RealNameProvider | undefined {
  return providers[BY_CHANNEL[channel]] ?? providers.dev;
}
