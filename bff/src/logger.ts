/**
 * pino, with redaction as a second line of defence: request logs never take bodies or
 * query strings in the first place (http/requestLog.ts).
 */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'yima-bff' },
    redact: {
      paths: ['phone', 'idNumber', 'name', 'code', 'token', '*.phone', '*.idNumber', '*.name', '*.code', '*.token', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
