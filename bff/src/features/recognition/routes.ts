/** POST /api/recognitions: verify a code of this or another region (staff scanners, the
 * resident arriving from elsewhere). Another region's colour becomes the source
 * `recognised:<issuer>` and is merged like any other (stale after its freshness limit).
 * One of our own paper codes must still stand (not revoked, holder not worse than printed):
 * the answer is the colour in the token, and a void card must not pass as green (issue 10). */
import { DomainError, mergeSourceStates } from '@yima/shared';
import { recognitionRequest } from '@yima/shared/contracts/merge';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import type { UsersRepo } from '../identity';
import type { PaperCodeService } from '../paperCodes';
import type { TrustList } from './trustList';

export function recognitionRoutes(
  router: AppRouter,
  d: { trust: TrustList; access: Access; clock: Clock; merge: Config['merge']; paper: PaperCodeService; users: Pick<UsersRepo, 'personByHolderId'> },
): void {
  router.post('/api/recognitions', d.access.session(), async (ctx) => {
    const { qr } = parse(recognitionRequest, ctx.request.body);
    const now = d.clock.now();
    const result = d.trust.verify(qr, now);
    if (!result.ok) throw new DomainError(result.code, result.message);
    const f = result.fields;
    if (result.issuer.own && f.kind === 'paper') await d.paper.assertStanding(qr, await d.users.personByHolderId(f.holderId));
    const source = result.issuer.own ? 'local' : `recognised:${result.issuer.id}`;
    const issuedAt = new Date(f.issuedAt * 1000);
    const merged = mergeSourceStates(
      [
        {
          source,
          color: f.color,
          reasonCode: 'RECOGNISED_CODE',
          reasonText: result.issuer.name,
          setBy: result.issuer.id,
          effectiveAt: issuedAt,
          receivedAt: now,
        },
      ],
      d.merge.policy,
      now,
    );
    ctx.body = {
      issuer: result.issuer,
      kind: f.kind,
      color: merged.color,
      decidedBy: merged.decidedBy,
      sources: merged.sources.map((s) => ({ source: s.source, color: s.color, asOf: s.asOf.toISOString(), stale: s.stale })),
      issuedAt: issuedAt.toISOString(),
      expiresAt: new Date(f.expiresAt * 1000).toISOString(),
    };
  });
}
