/** Dev-only routes, mounted only with YIMA_DEV=1 and the outbox SMS provider. */
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import { z } from 'zod';
import { phoneField } from '@yima/shared/contracts/auth';
import { parse } from '../../http/validate';
import type { OutboxMessage } from '../../adapters/sms/outboxSms';

export function devRoutes(router: AppRouter, access: Access, outbox: { read(phone: string): Promise<OutboxMessage[]> }): void {
  router.get('/api/dev/sms-outbox', access.anyone(), async (ctx) => {
    const { phone } = parse(z.object({ phone: phoneField }), ctx.query);
    ctx.body = { messages: await outbox.read(phone) };
  });
}
