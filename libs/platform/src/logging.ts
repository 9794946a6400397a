import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Paths never written to logs: post authors are opaque ids that must not be logged raw, and
 * credentials in headers. Used by every service's logger (pino redaction).
 */
export const REDACTED_PATHS = [
  'author',
  '*.author',
  'post.author',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'secret',
  '*.secret',
];

/** pino options shared by every service: JSON lines, ISO time, service name, redaction. */
export function loggerOptions(service: string, level = process.env.LOG_LEVEL ?? 'info'): LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** A standalone pino logger (scripts, workers, code outside Nest's container). */
export function createLogger(service: string, level?: string): Logger {
  return pino(loggerOptions(service, level));
}
