import { context, propagation, trace, type Context, type Span, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing for Vigil services. W3C Trace Context (`traceparent` header, W3C Recommendation
 * 2021) is carried in Kafka record headers from post to verdict. Spans are exported over OTLP/HTTP only
 * when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the standard OpenTelemetry variable); otherwise the API is a
 * no-op and only the trace ids travel.
 */
let provider: NodeTracerProvider | undefined;

propagation.setGlobalPropagator(new W3CTraceContextPropagator());
// Async context tracking so the active span follows awaits, with or without an exporter.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

/** Starts span export for `service` when `OTEL_EXPORTER_OTLP_ENDPOINT` is set; idempotent. */
export function initTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (provider || !env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
}

/** Flushes and stops span export (call at shutdown). */
export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

const headerGetter = {
  keys: (carrier: Readonly<Record<string, string>>) => Object.keys(carrier),
  get: (carrier: Readonly<Record<string, string>>, key: string) => carrier[key],
};

/** The trace context carried by message headers (`traceparent`, `tracestate`); the root context when absent. */
export function contextFromHeaders(headers: Readonly<Record<string, string>>): Context {
  return propagation.extract(context.active(), headers, headerGetter);
}

/** `traceparent`/`tracestate` headers for the active span (or `ctx`), to put on produced records. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The 32-hex trace id of a W3C `traceparent` value, or undefined when it is malformed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '');
  return match && match[1] !== '0'.repeat(32) ? match[1] : undefined;
}

/**
 * Runs `work` inside a span named `name`, child of the context in `headers` (a consumed record's).
 * The span records exceptions and ends when `work` settles. With no exporter configured it is a no-op span
 * that still propagates the incoming trace id.
 */
export async function withSpan<T>(
  tracerName: string,
  name: string,
  headers: Readonly<Record<string, string>>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = contextFromHeaders(headers);
  const span = trace.getTracer(tracerName).startSpan(name, undefined, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
