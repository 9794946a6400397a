import type { DeadLetterCode } from '@vigil/contracts';
import pg from 'pg';

/** Why a result can never be recorded as it is: a dead-letter code and a message naming the SQLSTATE. */
export interface PermanentRecordFailure {
  readonly code: Extract<DeadLetterCode, `RESULT_${string}`>;
  readonly message: string;
}

/** SQLSTATE classes whose errors repeat on every retry of the same result (PostgreSQL appendix A). */
const PERMANENT_CLASSES = {
  '22': 'RESULT_DATA_INVALID', // data exception: invalid text (e.g. a NUL byte), out-of-range number, bad JSON
  '23': 'RESULT_CONSTRAINT_VIOLATION', // integrity constraint violation: unique, foreign key, not null, check
} as const satisfies Record<string, PermanentRecordFailure['code']>;

/**
 * Classifies an error thrown while recording a result (`ResultRecorder.record`). A PostgreSQL error of
 * SQLSTATE class 22 (data exception) or 23 (integrity constraint violation) is permanent: the same result
 * fails the same way on every retry, so it is dead-lettered. Everything else is transient and returns
 * `null`, so the caller rethrows and the consumer retries from the last committed offset with backoff:
 * connection loss, serialization failure `40001`, deadlock `40P01`, pool timeouts, and also unknown
 * errors (e.g. a missing table during a migration), which are better retried than lost.
 */
export function permanentRecordFailure(error: unknown): PermanentRecordFailure | null {
  if (!(error instanceof pg.DatabaseError) || error.code === undefined) return null;
  const code = PERMANENT_CLASSES[error.code.slice(0, 2) as keyof typeof PERMANENT_CLASSES];
  if (code === undefined) return null;
  const where = [error.table && `table ${error.table}`, error.constraint && `constraint ${error.constraint}`]
    .filter(Boolean)
    .join(', ');
  return {
    code,
    message: `SQLSTATE ${error.code}${where ? ` (${where})` : ''}: ${error.message}${error.detail ? ` — ${error.detail}` : ''}`,
  };
}
