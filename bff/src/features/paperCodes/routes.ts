/** Paper codes for oneself, the print-ready card, online verification and the published
 * revocation list (SPEC C5). Viewing (GET …/current) never issues; POST issues only when there
 * is no valid card, or replaces it when asked to (`replace: true`). */
import { issuePaperCodeRequest, type CurrentPaperCode } from '@yima/shared/contracts/dependents';
import { recognitionRequest } from '@yima/shared/contracts/merge';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import { registrationRequired } from '../identity';
import type { UsersRepo } from '../identity';
import type { Restriction } from '../identity';
import type { PaperCodeService } from './paperCodeService';
import { paperCodePng, paperCodeSvg } from './printView';
import type { VerifierAccess } from './verifierAccess';

export function paperCodeRoutes(
  router: AppRouter,
  d: {
    paper: PaperCodeService;
    users: UsersRepo;
    access: Access;
    issuerId: string;
    verifiers: VerifierAccess;
    restriction: Restriction;
  },
): void {
  const session = d.access.session();

  async function me(userId: string) {
    const user = await d.users.findById(userId);
    if (!user?.personId || !user.idHash || !user.holderId || !user.nameEnc) throw registrationRequired();
    return { user, holder: { personId: user.personId, idHash: user.idHash, holderId: user.holderId, nameEnc: user.nameEnc } };
  }

  router.get('/api/me/paper-codes/current', session, async (ctx) => {
    const { user, holder } = await me(ctx.state.session.userId);
    // The current card may be one the family printed: not shown to an account that has only
    // declared it is that person (docs/decisions/0008).
    await d.restriction.assertFullAccess(user);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { paperCode: await d.paper.current(holder, null) } satisfies CurrentPaperCode;
  });

  router.post('/api/me/paper-codes', session, async (ctx) => {
    const { replace } = parse(issuePaperCodeRequest, ctx.request.body ?? {});
    const { user, holder } = await me(ctx.state.session.userId);
    // Issuing voids the card printed before: not for an account that has only declared it is
    // the person whose family printed it (docs/decisions/0008).
    await d.restriction.assertFullAccess(user);
    ctx.status = 201;
    ctx.body = await d.paper.issue(user.id, holder, null, replace === true);
  });

  router.get('/api/paper-codes/:id/print.svg', session, async (ctx) => {
    const card = await d.paper.printable(ctx.state.session.userId, ctx.params.id);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = 'image/svg+xml';
    ctx.body = await paperCodeSvg(card);
  });

  router.get('/api/paper-codes/:id/print.png', session, async (ctx) => {
    const card = await d.paper.printable(ctx.state.session.userId, ctx.params.id);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = 'image/png';
    ctx.body = await paperCodePng(card);
  });

  router.post('/api/paper-codes/verify', session, async (ctx) => {
    const { qr } = parse(recognitionRequest, ctx.request.body);
    const userId = ctx.state.session.userId;
    ctx.body = await d.paper.verify(
      qr,
      (holderId) => d.users.personByHolderId(holderId),
      (holder) => d.verifiers.assertMayVerify(userId, holder.personId),
    );
  });

  router.get('/api/revocations', d.access.anyone(), async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = { issuer: d.issuerId, ...(await d.paper.revocationList()) };
  });
}
