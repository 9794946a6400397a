import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { HealthController, ReadinessRegistry } from './health';
import { loggerOptions } from './logging';
import { MetricsController, MetricsRegistry } from './metrics';

const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export interface PlatformOptions {
  /** Service name stamped on every log line and metric (`service` label). */
  readonly service: string;
  readonly logLevel?: string;
}

/**
 * The cross-cutting module every Vigil service imports once: pino logging (nestjs-pino, with request
 * logs except probes), `/healthz` + `/readyz` (@nestjs/terminus) and `/metrics` (prom-client).
 * Global: `ReadinessRegistry` and `MetricsRegistry` are injectable everywhere.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions(options.service, options.logLevel),
            autoLogging: { ignore: (req) => QUIET_ROUTES.has(req.url ?? '') },
          },
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [ReadinessRegistry, MetricsRegistry],
      exports: [ReadinessRegistry, MetricsRegistry],
    };
  }
}
