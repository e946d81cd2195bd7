/** Answers of the service itself: health, the dev outbox and the API's own description. */
import { z } from 'zod';
import { isoTime } from './common';

/** `GET /healthz`, liveness: the process answers. It asks no store, so a stalled store never
 * makes an orchestrator restart every BFF at once (decision 0027). */
export const health = z.strictObject({ status: z.literal('ok') });

/** How a store answered a readiness check: `slow` — no answer within the check's deadline. */
export const storeCheck = z.enum(['up', 'down', 'slow']);

/** `GET /readyz`, readiness: 200 when MariaDB and Redis both answered within the check's
 * deadline, 503 (same body) naming the one that did not. Answered within 1 s. While the
 * process shuts down (decision 0028): 503 `{status:'stopping'}` at once, no store asked. */
export const readiness = z.union([
  z.strictObject({
    status: z.enum(['ready', 'unready']),
    mysql: storeCheck,
    redis: storeCheck,
  }),
  z.strictObject({ status: z.literal('stopping') }),
]);

/** `GET /api/city`: the city this BFF serves and who issues its codes (from configuration). */
export const cityAnswer = z.strictObject({ name: z.string(), authority: z.string() });
export type CityAnswer = z.infer<typeof cityAnswer>;

export const smsOutbox = z.strictObject({ messages: z.array(z.strictObject({ text: z.string(), sentAt: isoTime })) });

/** The OpenAPI 3.1 document (its own schema is the OpenAPI specification). */
export const openApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
