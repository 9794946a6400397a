import { Controller, Get, Injectable } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

/** A readiness probe: resolves with details when the dependency is usable, throws (or rejects) when not. */
export type ReadinessProbe = () => Promise<Record<string, unknown> | void>;

/**
 * Where a service's components register what `/readyz` must check (Kafka reachable, models loaded,
 * consumer running…). A service is ready only when every probe passes.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();

  register(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  entries(): [string, ReadinessProbe][] {
    return [...this.probes.entries()];
  }
}

/**
 * `GET /healthz`: liveness (the process serves HTTP). `GET /readyz`: readiness (every registered probe
 * passes), 503 with the failing probes otherwise. Response bodies follow @nestjs/terminus.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('healthz')
  @HealthCheck()
  live() {
    return this.health.check([async () => this.indicators.check('process').up({ pid: process.pid })]);
  }

  @Get('readyz')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.readiness.entries().map(([name, probe]) => async (): Promise<HealthIndicatorResult> => {
        const session = this.indicators.check(name);
        try {
          return session.up((await probe()) ?? {});
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}
