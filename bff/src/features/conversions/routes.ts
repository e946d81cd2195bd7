/** Conversion requests (docs/api.md "Conversion requests", decision 0022): a person's own, a
 * relative's (through the filing, as every relative's route), and the handlers' inbox. */
import { conversionDecisionBody, conversionInboxQuery, conversionRequestBody } from '@yima/shared/contracts/conversions';
import { DomainError } from '@yima/shared';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import type { ConversionService } from './conversionService';
import { conversionsPolicy } from './policy';

/** The person of an account, or of a filing the account holds (dependents' `access`). */
export interface ConversionPeople {
  /** The account's own person; throws REGISTRATION_REQUIRED, or VERIFICATION_REQUIRED for a
   * restricted account (decision 0008: its record holds what others reported). */
  own(userId: string): Promise<{ personId: string; idHash: Buffer }>;
  /** A relative the account files for; 404 NOT_FOUND for anyone else. */
  relative(userId: string, filingId: string, action: 'conversion' | 'view-conversions'): Promise<{ personId: string; idHash: Buffer }>;
}

export function conversionRoutes(router: AppRouter, d: { conversions: ConversionService; people: ConversionPeople; access: Access }): void {
  const session = d.access.session();
  const handlersOnly = () => new DomainError('FORBIDDEN', 'this needs the community-worker or authority role');

  router.post('/api/me/conversion-requests', session, async (ctx) => {
    const { reason } = parse(conversionRequestBody, ctx.request.body);
    const userId = ctx.state.session.userId;
    const person = await d.people.own(userId);
    ctx.status = 201;
    ctx.body = await d.conversions.file(person, userId, false, reason);
  });

  router.get('/api/me/conversion-requests', session, async (ctx) => {
    const person = await d.people.own(ctx.state.session.userId);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.conversions.list(person.personId);
  });

  router.post('/api/dependents/:id/conversion-requests', session, async (ctx) => {
    const { reason } = parse(conversionRequestBody, ctx.request.body);
    const userId = ctx.state.session.userId;
    const person = await d.people.relative(userId, ctx.params.id, 'conversion');
    ctx.status = 201;
    ctx.body = await d.conversions.file(person, userId, true, reason);
  });

  router.get('/api/dependents/:id/conversion-requests', session, async (ctx) => {
    const person = await d.people.relative(ctx.state.session.userId, ctx.params.id, 'view-conversions');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.conversions.list(person.personId);
  });

  // Which requests, and whether this one is the caller's to decide, is the service's: it asks
  // the same policy once the request is loaded.
  router.get(
    '/api/conversion-requests',
    d.access.can(conversionsPolicy, 'readInbox', () => null, handlersOnly),
    async (ctx) => {
      const q = parse(conversionInboxQuery, ctx.query);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await d.conversions.inbox(ctx.state.actor, q);
    },
  );

  // Not a handler at all, or not of this request: the same 404, so an id is no way to learn
  // that a request exists.
  const noSuchRequest = () => new DomainError('NOT_FOUND', 'no such conversion request among yours');
  router.post(
    '/api/conversion-requests/:id/decision',
    d.access.can(conversionsPolicy, 'readInbox', () => null, noSuchRequest),
    async (ctx) => {
      const body = parse(conversionDecisionBody, ctx.request.body);
      ctx.body = await d.conversions.decide(ctx.state.actor, ctx.params.id, body);
    },
  );
}
