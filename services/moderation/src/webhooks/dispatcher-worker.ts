import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createEgressAgent, MetricsRegistry, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Agent } from 'undici';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { DATABASE, type Db } from '../database/database';
import { OutboxSignal } from '../workers/outbox-signal';
import { PollingLoop, runWorkerLoop } from '../workers/polling-loop';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSecretBox } from './secret-box';

/**
 * Runs the webhook dispatcher (role `webhooks`) over an SSRF-guarded undici agent. At shutdown it stops
 * claiming and waits for the attempts in flight (each bounded by WEBHOOK_TIMEOUT) to be recorded.
 */
@Injectable()
export class DispatcherWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly dispatcher: WebhookDispatcher;
  private readonly agent: Agent;
  private readonly loop: PollingLoop;
  private stopLoop?: () => Promise<void>;

  constructor(
    @Inject(MODERATION_CONFIG) config: ModerationConfig,
    @Inject(DATABASE) db: Db,
    private readonly signal: OutboxSignal,
    private readonly readiness: ReadinessRegistry,
    metrics: MetricsRegistry,
    @InjectPinoLogger(DispatcherWorker.name) log: PinoLogger,
  ) {
    this.agent = createEgressAgent(
      { allow: config.WEBHOOK_EGRESS_ALLOW },
      {},
      { timeout: config.WEBHOOK_TIMEOUT },
    );
    const attempts = metrics.counter('vigil_webhook_attempts_total', 'Webhook delivery attempts', ['result']);
    const seconds = metrics.histogram('vigil_webhook_attempt_seconds', 'Webhook attempt duration', [
      'result',
    ]);
    const disabled = metrics.counter(
      'vigil_webhook_endpoints_disabled_total',
      'Endpoints disabled by failures',
    );
    this.dispatcher = new WebhookDispatcher(
      db,
      this.agent,
      {
        timeoutMs: config.WEBHOOK_TIMEOUT,
        schedule: config.WEBHOOK_RETRY_SCHEDULE,
        jitter: config.WEBHOOK_RETRY_JITTER,
        disableAfterMs: config.WEBHOOK_DISABLE_AFTER,
        maxInFlight: config.WEBHOOK_MAX_IN_FLIGHT,
        secretBox: WebhookSecretBox.fromKeyring(config.WEBHOOK_SECRET_KEYS),
      },
      (outcome) => {
        attempts.inc({ result: outcome.result });
        seconds.observe({ result: outcome.result }, outcome.durationMs / 1000);
        if (!outcome.ok) {
          log.warn(
            {
              endpoint_id: outcome.endpointId,
              webhook_id: outcome.messageId,
              attempt: outcome.attempt,
              status: outcome.statusCode,
              result: outcome.result,
            },
            `webhook attempt failed: ${outcome.error}`,
          );
        }
        if (outcome.disabledEndpoint) {
          disabled.inc();
          log.warn(
            { endpoint_id: outcome.endpointId },
            `webhook endpoint disabled: ${outcome.disabledEndpoint}`,
          );
        }
      },
      () => this.loop.wake(),
      (error) =>
        log.error({ err: error }, 'webhook attempt not recorded; it is retried when its lease expires'),
    );
    this.loop = new PollingLoop(
      () => this.dispatcher.dispatchDue(),
      config.WEBHOOK_POLL_INTERVAL,
      (error) => log.error({ err: error }, 'webhook claim failed; retrying'),
    );
  }

  onApplicationBootstrap(): void {
    this.stopLoop = runWorkerLoop(this.loop, 'webhook-dispatcher', this.signal, this.readiness);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stopLoop?.();
    await this.dispatcher.drain();
    await this.agent.close();
  }
}
