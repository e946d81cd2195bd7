/** Answers of the service itself: health, the dev outbox and the API's own description. */
import { z } from 'zod';
import { isoTime } from './common';

/** `GET /healthz`: 200 when MySQL and Redis both answer, 503 (same body) naming the one down. */
export const health = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  mysql: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']),
});

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
