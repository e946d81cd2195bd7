/**
 * The login use cases: send an SMS code, and open a session by SMS code, simple login
 * (phone + last 4 of the ID number) or a WeChat/Alipay code. HTTP-free: routes parse and
 * shape, this decides.
 */
import type { Logger } from 'pino';
import {
  DomainError,
  idLast4,
  type LoginMethod,
  type SessionRequest,
  type SessionResponse,
  type LinkRequiredResponse,
  type SmsCodeResponse,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import { PlatformCodeRejected, PlatformUnavailable, type PlatformLogin } from '../../adapters/platform/platformLogin';
import type { SmsProvider } from '../../adapters/sms/smsProvider';
import { SMS_CODE_TTL_SECONDS } from '../../redisKeys';
import type { UsersRepo } from '../identity';
import {
  SMS_RESEND_SECONDS,
  assertNotExhausted,
  consumeAll,
  recordFailure,
  refund,
  smsProviderBusy,
  smsRateLimited,
  tooManyAttempts,
  type AuthLimiters,
} from './limits';
import type { LinkTicketStore, PlatformIdentity } from './linkTickets';
import type { PlatformIdentitiesRepo } from './platformIdentitiesRepo';
import type { SessionStore } from './sessions';
import type { SmsCodeStore } from './smsCodes';

export interface LoginDeps {
  clock: Clock;
  logger: Logger;
  pii: Pii;
  limiters: AuthLimiters;
  codes: SmsCodeStore;
  sessions: SessionStore;
  tickets: LinkTicketStore;
  users: UsersRepo;
  platformIdentities: PlatformIdentitiesRepo;
  sms: SmsProvider;
  wechat?: PlatformLogin;
  alipay?: PlatformLogin;
}

const FALLBACKS_FOR_PLATFORM: LoginMethod[] = ['sms', 'simple'];

export function createLoginService(d: LoginDeps) {
  const phoneKey = (phone: string) => d.pii.blindIndexHex('phone', phone);

  async function openSession(userId: string, method: LoginMethod, registered: boolean): Promise<SessionResponse> {
    const { token, expiresAt } = await d.sessions.open(userId, method);
    return { token, expiresAt, user: { id: userId, registered } };
  }

  async function smsLogin(phone: string, code: string, linkTicket: string | undefined): Promise<SessionResponse> {
    if (linkTicket && !(await d.tickets.peek(linkTicket))) {
      throw new DomainError('LINK_TICKET_INVALID', 'the WeChat/Alipay link has expired; start that login again');
    }
    const check = await d.codes.check(phone, code);
    switch (check.result) {
      case 'ok':
        break;
      case 'wrong':
        throw new DomainError('INVALID_CREDENTIALS', `wrong code; ${check.triesLeft} tries left`);
      case 'burnt': {
        const wait = await d.limiters.smsPerMinute.get(phoneKey(phone)).catch(() => null);
        throw tooManyAttempts(wait?.msBeforeNext ?? 1000);
      }
      default:
        throw new DomainError('INVALID_CREDENTIALS', 'the code has expired or was already used; request a new one');
    }
    const now = d.clock.now();
    const userId = await d.users.upsertByPhone(d.pii.blindIndex('phone', phone), d.pii.encrypt('phone', phone), now);
    const identity = linkTicket ? await d.tickets.take(linkTicket) : null;
    if (identity) {
      await d.platformIdentities.link(identity, userId, now);
      d.logger.info({ userId, platform: identity.platform }, 'platform identity linked');
    }
    const user = await d.users.findById(userId);
    return openSession(userId, 'sms', Boolean(user?.registeredAt));
  }

  async function simpleLogin(phone: string, last4: string, ip: string): Promise<SessionResponse> {
    const key = phoneKey(phone);
    await assertNotExhausted(d.limiters.simpleFailsPerPhone, key, tooManyAttempts);
    await assertNotExhausted(d.limiters.simpleFailsPerIp, ip, tooManyAttempts);
    const user = await d.users.findByPhoneHash(d.pii.blindIndex('phone', phone));
    const matches = user?.registeredAt && user.idNumberEnc && idLast4(d.pii.decrypt('id_number', user.idNumberEnc)) === last4;
    if (!user || !matches) {
      await recordFailure(d.limiters.simpleFailsPerPhone, key);
      await recordFailure(d.limiters.simpleFailsPerIp, ip);
      // One message for "no such resident" and "wrong digits": it must not reveal who is registered.
      throw new DomainError('INVALID_CREDENTIALS', 'phone and ID digits do not match a registered resident');
    }
    await d.limiters.simpleFailsPerPhone.delete(key).catch(() => undefined);
    return openSession(user.id, 'simple', true);
  }

  async function platformLogin(adapter: PlatformLogin | undefined, name: string, code: string): Promise<SessionResponse | LinkRequiredResponse> {
    if (!adapter) throw new DomainError('PLATFORM_NOT_CONFIGURED', `${name} login is not enabled on this server`);
    let subject: string;
    try {
      subject = await adapter.exchange(code);
    } catch (err) {
      if (err instanceof PlatformCodeRejected) throw new DomainError('INVALID_CREDENTIALS', `${name} did not accept the login code; try again`);
      if (err instanceof PlatformUnavailable) {
        d.logger.warn({ platform: adapter.platform, reason: err.message }, 'platform login failed');
        throw new DomainError('PLATFORM_UNAVAILABLE', `${name} login is unavailable right now; log in by SMS code or simple login`, {
          alternatives: FALLBACKS_FOR_PLATFORM,
        });
      }
      throw err;
    }
    const identity: PlatformIdentity = { platform: adapter.platform, subject };
    const userId = await d.platformIdentities.findUserId(identity);
    if (!userId) return { linkRequired: true, ...(await d.tickets.issue(identity)) };
    const user = await d.users.findById(userId);
    return openSession(userId, adapter.platform, Boolean(user?.registeredAt));
  }

  return {
    async requestSmsCode(phone: string, ip: string): Promise<SmsCodeResponse> {
      const key = phoneKey(phone);
      const taken = await consumeAll([
        { limiter: d.limiters.smsPerMinute, key, refuse: smsRateLimited },
        { limiter: d.limiters.smsPerHour, key, refuse: smsRateLimited },
        { limiter: d.limiters.smsPerDay, key, refuse: smsRateLimited },
        { limiter: d.limiters.smsPerIp, key: ip, refuse: smsRateLimited },
        { limiter: d.limiters.smsGlobal, key: 'all', refuse: smsProviderBusy },
      ]);
      const code = await d.codes.issue(phone);
      try {
        await d.sms.sendLoginCode(phone, code, SMS_CODE_TTL_SECONDS / 60);
      } catch (err) {
        await d.codes.discard(phone);
        await refund(taken);
        d.logger.warn({ provider: d.sms.name, reason: (err as Error).message }, 'SMS send failed');
        throw new DomainError('SMS_PROVIDER_UNAVAILABLE', 'the code could not be sent just now; use simple login or try again', {
          alternatives: ['simple'],
        });
      }
      return { resendAfterSeconds: SMS_RESEND_SECONDS };
    },

    /** 201 with a session, or 200 with a link ticket for an unlinked WeChat/Alipay identity. */
    async login(req: SessionRequest, ip: string): Promise<SessionResponse | LinkRequiredResponse> {
      switch (req.method) {
        case 'sms':
          return smsLogin(req.phone, req.code, req.linkTicket);
        case 'simple':
          return simpleLogin(req.phone, req.idLast4, ip);
        case 'wechat':
          return platformLogin(d.wechat, 'WeChat', req.code);
        case 'alipay':
          return platformLogin(d.alipay, 'Alipay', req.authCode);
      }
    },

    logout: (session: { userId: string; tokenHash: string }) => d.sessions.revoke(session),
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
