/** Real-name verification: the channels a client runs in and the providers behind them
 * (docs/decisions/0008-real-name-verification.md). Zod-free, so the mini-program may import it. */

/** Where the client runs: decides the provider (H5 → Tencent FaceID, weapp → WeChat,
 * alipay → Alipay 实人认证; the dev provider where none is configured, dev only). */
export const VERIFICATION_CHANNELS = ['h5', 'weapp', 'alipay'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

export const REAL_NAME_PROVIDERS = ['tencent', 'wechat', 'alipay', 'dev'] as const;
export type RealNameProviderName = (typeof REAL_NAME_PROVIDERS)[number];
