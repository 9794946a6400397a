import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError } from './config';
import { createLogger } from './logging';
import { initTracing } from './tracing';

/** What a service's `setup` returns: its root module and where its HTTP server listens. */
export interface SetupResult {
  readonly module: Parameters<typeof NestFactory.create>[0];
  /** TCP port, from the service's validated `HTTP_PORT`. */
  readonly port: number;
  /** Interface to bind, from the service's validated `HTTP_HOST` (`env.host()`: default `0.0.0.0`). */
  readonly host: string;
}

export interface ServiceBootOptions {
  readonly service: string;
  /**
   * Parses config and builds the root module plus the HTTP host and port (probes, metrics, any API).
   * Runs inside bootService so a ConfigError is reported, not thrown raw. May be async, for checks
   * that must pass before anything starts (e.g. the execution provider a worker was told to use).
   */
  readonly setup: () => SetupResult | Promise<SetupResult>;
  /** Runs on the created app before it listens (e.g. OpenAPI document, body limits). */
  readonly configure?: (app: INestApplication) => void | Promise<void>;
}

/**
 * Starts a Vigil service: validated config, tracing (OTLP export when `OTEL_EXPORTER_OTLP_ENDPOINT` is set),
 * pino as Nest's logger, shutdown hooks on SIGTERM/SIGINT
 * (Nest then runs `beforeApplicationShutdown` — consumers stop fetching and finish in-flight work —
 * and `onApplicationShutdown` — producers and pools close), then listens on `setup`'s host and port.
 * A ConfigError prints the variables at fault and exits with status 78 (EX_CONFIG).
 */
export async function bootService(options: ServiceBootOptions): Promise<INestApplication> {
  const fallbackLog = createLogger(options.service);
  let setup: SetupResult;
  try {
    setup = await options.setup();
  } catch (error) {
    if (error instanceof ConfigError) {
      fallbackLog.fatal({ code: error.code, issues: error.issues }, error.message);
      console.error(`${options.service}: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  initTracing(options.service);
  const app = await NestFactory.create(setup.module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await options.configure?.(app);
  await app.listen(setup.port, setup.host);
  app.get(Logger).log(`${options.service} listening on ${await app.getUrl()}`);
  return app;
}
