/** The resident's own profile and real-name registration. */
import type { AppRouter } from '../../http/router';
import { identityRequest, privacyConsentRequest, profileUpdateRequest } from '@yima/shared/contracts/auth';
import { completeVerificationRequest, startVerificationRequest } from '@yima/shared/contracts/identity';
import { parse } from '../../http/validate';
import type { Access } from '../../http/access';
import type { IdentityService } from './identityService';
import type { VerificationService } from './verificationService';

export function identityRoutes(router: AppRouter, identity: IdentityService, verifications: VerificationService, access: Access): void {
  const session = access.session();

  router.get('/api/me', session, async (ctx) => {
    ctx.body = await identity.profile(ctx.state.session.userId);
  });

  router.patch('/api/me', session, async (ctx) => {
    const { locale } = parse(profileUpdateRequest, ctx.request.body);
    ctx.body = await identity.setLocale(ctx.state.session.userId, locale);
  });

  router.put('/api/me/privacy-consent', session, async (ctx) => {
    const { version } = parse(privacyConsentRequest, ctx.request.body);
    ctx.body = await identity.acceptPrivacy(ctx.state.session.userId, version);
  });

  router.put('/api/me/identity', session, async (ctx) => {
    ctx.body = await identity.register(ctx.state.session.userId, parse(identityRequest, ctx.request.body));
  });

  // Real-name verification (docs/decisions/0008): start with the provider of the client's
  // platform; complete by having the BFF ask the provider, which also claims the record.
  router.post('/api/me/identity/verifications', session, async (ctx) => {
    const body = parse(startVerificationRequest, ctx.request.body);
    ctx.status = 201;
    ctx.body = await verifications.start(ctx.state.session.userId, body);
  });

  router.post('/api/me/identity/verifications/:id/result', session, async (ctx) => {
    const { result } = parse(completeVerificationRequest, ctx.request.body);
    ctx.body = await verifications.complete(ctx.state.session.userId, ctx.params.id, result);
  });
}
