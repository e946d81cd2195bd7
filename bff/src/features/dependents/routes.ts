/** Filing for relatives (docs/api.md "Relatives") and the person's view of who files
 * for them. Every route acting on a relative goes through DependentService.access, which
 * checks the filing and records the action. */
import { maskIdNumber, maskName, type ConversionRequestView, type HealthSummary } from '@yima/shared';
import { checkinRequest } from '@yima/shared/contracts/checkin';
import { addDependentRequest, issuePaperCodeRequest, type CurrentPaperCode } from '@yima/shared/contracts/dependents';
import type { Pii } from '../../crypto/pii';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import type { CheckinService } from '../checkins';
import { markDegraded, type CodeService } from '../code';
import type { UsersRepo } from '../identity';
import { codeStateOf, type AuditService, type PersonStates } from '../personState';
import type { PaperCodeService } from '../paperCodes';
import type { DependentService } from './dependentService';

export function dependentRoutes(
  router: AppRouter,
  d: {
    dependents: DependentService;
    access: Access;
    users: UsersRepo;
    checkins: CheckinService;
    code: CodeService;
    audit: AuditService;
    states: PersonStates;
    paper: PaperCodeService;
    pii: Pii;
    /** A person's latest conversion request (features/conversions, which reads this one). */
    latestConversion: (personId: string) => Promise<ConversionRequestView | null>;
    /** A person's test results and doses (features/healthRecords). */
    healthOf: (idHash: Buffer) => Promise<HealthSummary | null>;
  },
): void {
  const session = d.access.session();

  router.post('/api/dependents', session, async (ctx) => {
    ctx.status = 201;
    ctx.body = await d.dependents.add(ctx.state.session.userId, parse(addDependentRequest, ctx.request.body));
  });

  router.get('/api/dependents', session, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.dependents.list(ctx.state.session.userId);
  });

  router.delete('/api/dependents/:id', session, async (ctx) => {
    await d.dependents.stop(ctx.state.session.userId, ctx.params.id);
    ctx.status = 204;
  });

  router.post('/api/dependents/:id/checkins', session, async (ctx) => {
    const answers = parse(checkinRequest, ctx.request.body);
    const { person } = await d.dependents.access(ctx.state.session.userId, ctx.params.id, 'checkin');
    ctx.status = 201;
    ctx.body = await d.checkins.submitFor(person, ctx.state.session.userId, answers);
  });

  router.get('/api/dependents/:id/code', session, async (ctx) => {
    const userId = ctx.state.session.userId;
    const { person, filing, filerName } = await d.dependents.access(userId, ctx.params.id, 'view-code');
    const [sources, conversion, health] = await Promise.all([d.states.loadOne(person.idHash), d.latestConversion(person.personId), d.healthOf(person.idHash)]);
    // A relative's code has no account of its own: keyed by person, never cached (version 0).
    const state = codeStateOf({
      userId: `person:${person.personId}`,
      version: 0,
      personId: person.personId,
      holderId: person.holderId,
      name: maskName(d.pii.decrypt('name', person.nameEnc)),
      idNumber: maskIdNumber(d.pii.decrypt('id_number', person.idNumberEnc)),
      idHash: person.idHash,
      person: sources,
      conversion,
      health,
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = await d.code.personCodeJson(state, {
      filedBy: { name: maskName(filerName), relation: filing.relation, relationText: filing.relationText },
    });
    markDegraded(ctx, d.code);
  });

  router.get('/api/dependents/:id/audit', session, async (ctx) => {
    const { person } = await d.dependents.access(ctx.state.session.userId, ctx.params.id, 'view-audit');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.audit.of(person.idHash);
  });

  router.get('/api/dependents/:id/paper-codes/current', session, async (ctx) => {
    const userId = ctx.state.session.userId;
    const { person, filing, filerName } = await d.dependents.access(userId, ctx.params.id, 'view-paper-code');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      paperCode: await d.paper.current(person, { name: filerName, relation: filing.relation, relationText: filing.relationText }),
    } satisfies CurrentPaperCode;
  });

  router.post('/api/dependents/:id/paper-codes', session, async (ctx) => {
    const { replace } = parse(issuePaperCodeRequest, ctx.request.body ?? {});
    const userId = ctx.state.session.userId;
    const { person, filing, filerName } = await d.dependents.access(userId, ctx.params.id, 'paper-code');
    ctx.status = 201;
    ctx.body = await d.paper.issue(userId, person, { name: filerName, relation: filing.relation, relationText: filing.relationText }, replace === true);
  });

  router.get('/api/me/filers', session, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.dependents.myFilers(ctx.state.session.userId);
  });

  router.get('/api/me/filing-attempts', session, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.dependents.attemptsOnMe(ctx.state.session.userId);
  });

  router.delete('/api/me/filers/:id', session, async (ctx) => {
    await d.dependents.removeFiler(ctx.state.session.userId, ctx.params.id);
    ctx.status = 204;
  });
}
