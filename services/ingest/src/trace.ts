import { randomBytes } from 'node:crypto';

/** The trace an inference request belongs to. */
export interface TraceContext {
  /** 32 lowercase hex chars (W3C trace-id). */
  readonly traceId: string;
  /** W3C `traceparent` for ingest's own span, child of the platform's when it sent one. */
  readonly traceparent: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Continues the platform's trace from its `traceparent` header (W3C Trace Context, version 00) with a
 * new span id; starts a new sampled trace when the header is missing or invalid (version ff, all-zero ids).
 */
export function traceContext(header: string | undefined): TraceContext {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  const valid = match && match[1] !== 'ff' && !/^0+$/.test(match[2]!) && !/^0+$/.test(match[3]!);
  const traceId = valid ? match[2]! : randomBytes(16).toString('hex');
  const flags = valid ? match[4]! : '01';
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}` };
}
