/**
 * Real-name verification (docs/decisions/0008-real-name-verification.md): start a face
 * verification for a name and ID number with the provider of the client's platform, then
 * complete it by asking the provider — never the client — for the outcome. A passed result
 * is bound to the account, the name and the ID number it was started for, and completes one
 * verification only; it then claims the record of that ID number (IdentityService.claim).
 */
import { DomainError, limited } from '@yima/shared';
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../../redis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { MeResponse, StartVerificationResponse, VerificationChannel } from '@yima/shared';
import { providerFor, type RealNameProviders } from '../../adapters/realName';
import {
  RealNameRejected,
  RealNameUnavailable,
  reportedMatches,
  type RealNameProvider,
  type VerificationOutcome,
} from '../../adapters/realName/realNameProvider';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Pii } from '../../crypto/pii';
import { redisKeys } from '../../redisKeys';
import type { Logger } from 'pino';
import { idAlreadyRegistered, parseIdentity, type IdentityService } from './identityService';
import type { UsersRepo } from './usersRepo';
import { ResultAlreadyUsed, type VerificationsRepo } from './verificationsRepo';

const notFound = () => new DomainError('NOT_FOUND', 'no such verification for this account');
const invalid = (why: string) => new DomainError('VERIFICATION_INVALID', why);
const unavailable = () => new DomainError('VERIFICATION_UNAVAILABLE', 'the identity verification service did not answer; please try again shortly');

export function createVerificationService(d: {
  redis: RedisClient;
  users: UsersRepo;
  repo: VerificationsRepo;
  identity: IdentityService;
  providers: RealNameProviders;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  config: Config['realName'];
}) {
  const starts = new RateLimiterRedis({ storeClient: d.redis, keyPrefix: redisKeys.limiter('realname:start'), points: d.config.startsPerDay, duration: 86400 });

  /** One start per point; a start the provider could not serve gives its point back. */
  async function spendStart(userId: string): Promise<void> {
    try {
      await starts.consume(userId);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw limited('VERIFICATION_RATE_LIMITED', `at most ${d.config.startsPerDay} identity verifications a day; try again later`, rejection.msBeforeNext);
      }
      throw new DomainError('SERVICE_UNAVAILABLE', 'identity verification is briefly unavailable; please try again');
    }
  }

  /** Provider errors as answers: down or slow → 502, handle refused → 409. Logged by
   * provider and kind only (their messages may repeat what we sent). */
  async function ask<T>(provider: RealNameProvider, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RealNameUnavailable) {
        d.logger.warn({ provider: provider.name, reason: err.message }, `real-name ${what} failed`);
        throw unavailable();
      }
      if (err instanceof RealNameRejected) throw invalid('the verification provider does not know this verification or it expired; start again');
      throw err;
    }
  }

  return {
    async start(userId: string, input: { name: string; idNumber: string; channel: VerificationChannel }): Promise<StartVerificationResponse> {
      const now = d.clock.now();
      const subject = parseIdentity(input, now);
      const provider = providerFor(d.providers, input.channel);
      if (!provider)
        throw new DomainError('VERIFICATION_NOT_CONFIGURED', 'identity verification is not available on this platform yet; please ask your community');
      const idHash = d.pii.blindIndex('id_number', subject.idNumber);
      const user = await d.users.findById(userId);
      if (!user) throw new DomainError('UNAUTHENTICATED', 'please log in again');
      if (user.verifiedAt) throw new DomainError('ALREADY_VERIFIED', 'your identity is already verified');
      if (user.idHash && !user.idHash.equals(idHash)) throw new DomainError('IDENTITY_ALREADY_SET', 'this account is already registered to another ID number');
      // The start is counted before saying whether another account holds this person, so
      // this route is no cheaper a registration oracle than five questions a day; that
      // answer comes before paying for a face check.
      await spendStart(userId);
      // Only a verified holder blocks a verification: an unverified one gives way to it.
      const owner = await d.users.verifiedOwnerOfIdHash(idHash);
      if (owner && owner !== userId) throw idAlreadyRegistered();
      const id = randomBytes(16).toString('hex');
      let started;
      try {
        started = await ask(provider, 'start', () => provider.start(subject, id));
      } catch (err) {
        await starts.reward(userId).catch(() => undefined);
        throw err;
      }
      const expiresAt = new Date(now.getTime() + d.config.ttlSeconds * 1000);
      await d.repo.create(
        {
          id,
          userId,
          provider: provider.name,
          idHash,
          nameEnc: d.pii.encrypt('name', subject.name),
          idNumberEnc: d.pii.encrypt('id_number', subject.idNumber),
          providerRef: started.ref,
          expiresAt,
        },
        now,
      );
      return { id, provider: provider.name, expiresAt: expiresAt.toISOString(), client: started.client };
    },

    async complete(userId: string, verificationId: string, clientResult: string | undefined): Promise<MeResponse> {
      const row = await d.repo.find(verificationId);
      // Another account's verification is as unknown as a made-up id.
      if (!row || row.userId !== userId) throw notFound();
      if (row.status !== 'started') throw invalid('this verification was already completed; start a new one');
      const now = d.clock.now();
      if (row.expiresAt.getTime() <= now.getTime()) throw invalid('this verification has expired; start a new one');
      const provider = d.providers[row.provider as keyof RealNameProviders];
      if (!provider) throw new DomainError('VERIFICATION_NOT_CONFIGURED', 'this verification provider is no longer configured; start a new verification');
      const subject = { name: d.pii.decrypt('name', row.nameEnc), idNumber: d.pii.decrypt('id_number', row.idNumberEnc) };

      const outcome: VerificationOutcome & { resultKey: string } = await ask(provider, 'result', () =>
        provider.result({ ref: row.providerRef, clientResult, subject }),
      );
      if (outcome.kind === 'pending')
        throw new DomainError('VERIFICATION_PENDING', 'the verification is not finished yet; complete it in the provider’s page, then try again');
      const passed = outcome.kind === 'passed' && reportedMatches(outcome.reported, subject);
      // Single use: the row leaves `started` once, and the provider's result (BizToken,
      // certify_id, verify_result) may decide one row only.
      const resultHash = createHash('sha256').update(`${provider.name}\n${outcome.resultKey}`, 'utf8').digest();
      let finished: boolean;
      try {
        finished = await d.repo.finish(row.id, passed ? 'passed' : outcome.kind === 'passed' ? 'refused' : 'failed', resultHash, now);
      } catch (err) {
        if (err instanceof ResultAlreadyUsed) throw invalid('this verification result was already used');
        throw err;
      }
      if (!finished) throw invalid('this verification was already completed; start a new one');
      if (outcome.kind === 'failed') {
        throw new DomainError('VERIFICATION_FAILED', 'the face verification did not pass; you may try again, or ask your community for help');
      }
      if (!passed) throw invalid('the provider verified a different name or ID number than this verification was started for');
      try {
        return await d.identity.claim(userId, subject, { provider: provider.name, verificationId: row.id });
      } catch (err) {
        await d.repo.refuse(row.id);
        throw err;
      }
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
