// Structured logs (pino) that carry ids and outcomes, never what a person typed.
import pino from 'pino';

/**
 * Structured logs. They carry ids, counts and outcomes — never message text, names, emails or anything a
 * person typed: the redaction below is a safety net, not a licence to pass such fields.
 */
export type Logger = pino.Logger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    base: { service: 'liaison' },
    level,
    redact: {
      paths: [
        'text',
        '*.text',
        'activity',
        '*.activity',
        'email',
        '*.email',
        'name',
        '*.name',
        'body',
        '*.body',
      ],
      censor: '[redacted]',
    },
  });
}
