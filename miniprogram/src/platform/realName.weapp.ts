/** WeChat: wx.startFacialRecognitionVerify runs the face check; its verifyResult goes to the
 * BFF, which checks it with WeChat's server API (the client's word is not the result). */
import Taro from '@tarojs/taro';
import type { StartVerificationResponse, VerificationChannel } from '@yima/shared';
import type { VerificationRun } from './realName';

export type { VerificationRun } from './realName';
export { PENDING_VERIFICATION_KEY } from './realName';
export const verificationChannel: VerificationChannel = 'weapp';

export async function runVerification(started: StartVerificationResponse, who: { name: string; idNumber: string }): Promise<VerificationRun> {
  if (started.provider === 'dev') return {};
  // checkAliveType 2: read digits aloud, then nod — WeChat's strictest liveness check.
  const res = await Taro.startFacialRecognitionVerify({ name: who.name, idCardNumber: who.idNumber, checkAliveType: 2 });
  return { result: res.verifyResult };
}
