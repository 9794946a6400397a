import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { contextFromHeaders, traceHeaders, traceIdOf, withSpan } from '../src';

const incoming = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };

describe('trace context propagation', () => {
  it('reads the W3C traceparent from message headers', () => {
    const ctx = contextFromHeaders(incoming);
    expect(trace.getSpanContext(ctx)?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceHeaders(ctx).traceparent).toBe(incoming.traceparent);
  });

  it('keeps the incoming trace id inside a span and on produced headers', async () => {
    const produced = await withSpan('test', 'classify', incoming, async () => traceHeaders());
    expect(traceIdOf(produced.traceparent)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('extracts trace ids and rejects malformed or all-zero ones', () => {
    expect(traceIdOf(incoming.traceparent)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf('garbage')).toBeUndefined();
    expect(traceIdOf(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined();
  });
});
