import { MessageDecodeError, type DeadLetterCode } from '@vigil/contracts';
import { defaultClassify, type FailureKind } from '@vigil/kafka';
import pg from 'pg';

/** Why a result can never be recorded as it is: a dead-letter code and a message naming the SQLSTATE. */
export interface PermanentRecordFailure {
  readonly code: Extract<DeadLetterCode, `RESULT_${string}`>;
  readonly message: string;
}

/** SQLSTATEs (classes or full codes) whose errors repeat on every retry of the same result (PostgreSQL appendix A). */
const PERMANENT = {
  '22': 'RESULT_DATA_INVALID', // data exception: invalid text (e.g. a NUL byte), out-of-range number, bad JSON
  '23': 'RESULT_CONSTRAINT_VIOLATION', // integrity constraint violation: unique, foreign key, not null, check
  '54': 'RESULT_DATABASE_LIMIT', // program limit exceeded: statement too complex, too many columns
  '08P01': 'RESULT_DATABASE_LIMIT', // protocol violation: e.g. more than 65535 bind parameters
} as const satisfies Record<string, PermanentRecordFailure['code']>;

/** SQLSTATE classes (and codes) that pass: connection loss, serialization/deadlock, resources, shutdown, a table mid-migration. */
const TRANSIENT_SQLSTATE = /^(08|40|53|57|58)|^42P01$/;

/** Node and node-postgres errors of a database that is restarting or unreachable. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
];

/**
 * A PostgreSQL error of SQLSTATE class 22 (data exception), 23 (integrity constraint violation), 54
 * (program limit exceeded) or 08P01 (protocol violation, e.g. a statement with more than 65535 bind
 * parameters) is permanent: the same result fails the same way on every retry. Returns `null` otherwise.
 */
export function permanentRecordFailure(error: unknown): PermanentRecordFailure | null {
  if (!(error instanceof pg.DatabaseError) || error.code === undefined) return null;
  const code =
    PERMANENT[error.code as keyof typeof PERMANENT] ??
    PERMANENT[error.code.slice(0, 2) as keyof typeof PERMANENT];
  if (code === undefined) return null;
  const where = [error.table && `table ${error.table}`, error.constraint && `constraint ${error.constraint}`]
    .filter(Boolean)
    .join(', ');
  return {
    code,
    message: `SQLSTATE ${error.code}${where ? ` (${where})` : ''}: ${error.message}${error.detail ? ` — ${error.detail}` : ''}`,
  };
}

/** True for errors of a database that is unreachable, restarting, overloaded or mid-migration. */
export function isTransientDatabaseError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError)
    return error.code !== undefined && TRANSIENT_SQLSTATE.test(error.code);
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && TRANSIENT_NETWORK_CODES.has(e.code)) return true;
  return typeof e?.message === 'string' && TRANSIENT_MESSAGES.some((m) => (e.message as string).includes(m));
}

/**
 * How the results and media consumers' runner treats an error thrown while recording a record:
 * undecodable records and permanent database errors (`permanentRecordFailure`) are dead-lettered at once; a database or broker
 * that is unreachable, restarting or mid-migration is `transient` (retried for `KAFKA_TRANSIENT_RETRY_MS`);
 * anything else, e.g. a bug that throws on every try, is `unknown` (retried `KAFKA_HANDLER_MAX_ATTEMPTS`
 * times, then dead-lettered with `RETRIES_EXHAUSTED`).
 */
export function recordFailureKind(error: unknown): FailureKind {
  if (error instanceof DeadLetterError) return error.reason;
  if (error instanceof MessageDecodeError) return { code: error.code, message: error.message };
  const permanent = permanentRecordFailure(error);
  if (permanent) return permanent;
  if (isTransientDatabaseError(error)) return 'transient';
  return defaultClassify(error);
}

/** Thrown by a handler that has dealt with a record as far as it can and wants it dead-lettered with `reason`. */
export class DeadLetterError extends Error {
  constructor(readonly reason: { readonly code: DeadLetterCode; readonly message: string }) {
    super(reason.message);
    this.name = 'DeadLetterError';
  }
}
