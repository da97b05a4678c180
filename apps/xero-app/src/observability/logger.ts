import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'ledgerbridge',
    level: options.level,
    redact: {
      paths: ['*.access_token', '*.refresh_token', '*.password', '*.secret', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
