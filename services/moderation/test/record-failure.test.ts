import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { permanentRecordFailure } from '../src/verdicts/record-failure';

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

  it('retries serialization failures, deadlocks, lost connections, missing tables and non-database errors', () => {
    for (const code of ['40001', '40P01', '08006', '57P01', '53300', '42P01']) {
      expect(permanentRecordFailure(databaseError(code))).toBeNull();
    }
    expect(permanentRecordFailure(new Error('timeout exceeded when trying to connect'))).toBeNull();
    expect(permanentRecordFailure(new Error('Connection terminated unexpectedly'))).toBeNull();
  });
});
