/** Authority marks (docs/api.md: POST /api/marks, DELETE /api/marks/:id) and the list
 * of reasons operators choose from. */
import { MARK_REASON_CODES, MARK_REASONS } from '@yima/shared';
import { liftMarkRequest, markListQuery, markRequest } from '@yima/shared/contracts/merge';
import type { AppRouter } from '../../http/router';
import { needsRole, type Access } from '../../http/access';
import { parse } from '../../http/validate';
import { MARK_REASON_NAMES } from '../../texts';
import type { MarkService } from './markService';
import { marksPolicy } from './policy';

export function markRoutes(router: AppRouter, d: { marks: MarkService; access: Access }): void {
  // The district is in the body or on the mark: here, an authority of some district (or an
  // admin); markService asks the same policy once it knows which.
  const someDistrict = () => ({ district: null });
  router.get('/api/mark-reasons', d.access.anyone(), (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = {
      // Operators' systems are not the app: they read the BFF's own words (texts.ts).
      reasons: MARK_REASON_CODES.map((code) => ({ code, usualColor: MARK_REASONS[code].usualColor, text: MARK_REASON_NAMES[code] })),
    };
  });

  // The districts the actor covers; one named outside them is refused by markService.
  router.get('/api/marks', d.access.can(marksPolicy, 'listMarks', someDistrict, needsRole('authority')), async (ctx) => {
    const query = parse(markListQuery, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.marks.list(ctx.state.actor, query);
  });

  router.post('/api/marks', d.access.can(marksPolicy, 'setMark', someDistrict, needsRole('authority')), async (ctx) => {
    const body = parse(markRequest, ctx.request.body);
    const { id, district } = await d.marks.set(ctx.state.actor, body);
    ctx.status = 201;
    ctx.body = { id, district };
  });

  router.delete('/api/marks/:id', d.access.can(marksPolicy, 'liftMark', someDistrict, needsRole('authority')), async (ctx) => {
    const body = parse(liftMarkRequest, ctx.request.body);
    await d.marks.lift(ctx.state.actor, ctx.params.id, body);
    ctx.status = 204;
  });
}
