import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { permanentRecordFailure, recordFailureKind } from '../src/verdicts/record-failure';

/** A PostgreSQL error as pg raises it from an ErrorResponse (the integration test covers real ones). */
function databaseError(code: string, fields: Partial<pg.DatabaseError> = {}): pg.DatabaseError {
  return Object.assign(new pg.DatabaseError('server said no', 0, 'error'), { code, ...fields });
}

describe('permanentRecordFailure', () => {
  it('dead-letters data exceptions and integrity violations with the SQLSTATE, table and constraint', () => {
    expect(
      permanentRecordFailure(
        databaseError('23505', {
          table: 'expert_outputs',
          constraint: 'expert_outputs_pkey',
          detail: 'Key (expert)=(ocr) already exists.',
        }),
      ),
    ).toEqual({
      code: 'RESULT_CONSTRAINT_VIOLATION',
      message:
        'SQLSTATE 23505 (table expert_outputs, constraint expert_outputs_pkey): server said no — Key (expert)=(ocr) already exists.',
    });
    expect(permanentRecordFailure(databaseError('23503'))?.code).toBe('RESULT_CONSTRAINT_VIOLATION');
    expect(permanentRecordFailure(databaseError('22021'))).toEqual({
      code: 'RESULT_DATA_INVALID',
      message: 'SQLSTATE 22021: server said no',
    });
    expect(permanentRecordFailure(databaseError('22003'))?.code).toBe('RESULT_DATA_INVALID');
  });

  it('dead-letters statements the server refuses as too large or malformed (bind parameters over 65535)', () => {
    expect(permanentRecordFailure(databaseError('08P01'))?.code).toBe('RESULT_DATABASE_LIMIT');
    expect(permanentRecordFailure(databaseError('54000'))?.code).toBe('RESULT_DATABASE_LIMIT');
  });

  it('retries serialization failures, deadlocks, lost connections and missing tables as transient', () => {
    for (const code of ['40001', '40P01', '08006', '57P01', '57014', '53300', '42P01']) {
      expect(permanentRecordFailure(databaseError(code))).toBeNull();
      expect(recordFailureKind(databaseError(code))).toBe('transient');
    }
    expect(recordFailureKind(new Error('timeout exceeded when trying to connect'))).toBe('transient');
    expect(recordFailureKind(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(
      recordFailureKind(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('transient');
  });

  it('gives other errors (bugs) the bounded budget of unknown errors', () => {
    expect(recordFailureKind(new TypeError("Cannot read properties of undefined (reading 'action')"))).toBe(
      'unknown',
    );
    expect(recordFailureKind(databaseError('42703'))).toBe('unknown'); // undefined column
  });
});
