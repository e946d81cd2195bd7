/**
 * Parses input with a shared zod contract. The first problem becomes a 400: a custom issue
 * carrying `params.code` answers with that code (INVALID_PHONE…), anything else with
 * INVALID_REQUEST and a message naming the field.
 */
import { DomainError } from '@yima/shared';
import type { z } from 'zod';
import type { ErrorCode } from '@yima/shared';

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : 'body';
  const code = (issue.code === 'custom' && (issue.params as { code?: ErrorCode } | undefined)?.code) || 'INVALID_REQUEST';
  throw new DomainError(code, `${field}: ${issue.message}`);
}
