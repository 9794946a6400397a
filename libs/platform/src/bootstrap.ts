import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError } from './config';
import { createLogger } from './logging';
import { initTracing } from './tracing';

type SetupResult = { module: Parameters<typeof NestFactory.create>[0]; port: number };

export interface ServiceBootOptions {
  readonly service: string;
  /**
   * Parses config and builds the root module plus the HTTP port (probes, metrics, any API).
   * Runs inside bootService so a ConfigError is reported, not thrown raw. May be async, for checks
   * that must pass before anything starts (e.g. the execution provider a worker was told to use).
   */
  readonly setup: () => SetupResult | Promise<SetupResult>;
  /** Interface to bind; default 0.0.0.0 (containers) — set HTTP_HOST=127.0.0.1 for local runs. */
  readonly host?: string;
  /** Runs on the created app before it listens (e.g. OpenAPI document, body limits). */
  readonly configure?: (app: INestApplication) => void | Promise<void>;
}

/**
 * Starts a Vigil service: validated config, tracing (OTLP export when `OTEL_EXPORTER_OTLP_ENDPOINT` is set),
 * pino as Nest's logger, shutdown hooks on SIGTERM/SIGINT
 * (Nest then runs `beforeApplicationShutdown` — consumers stop fetching and finish in-flight work —
 * and `onApplicationShutdown` — producers and pools close), then listens.
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
  await app.listen(setup.port, options.host ?? process.env.HTTP_HOST ?? '0.0.0.0');
  app.get(Logger).log(`${options.service} listening on ${await app.getUrl()}`);
  return app;
}
