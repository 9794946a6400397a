/**
 * A platform, as Vigil sees one: it serves its users' media over HTTP, publishes posts (PostV1 JSON) to
 * `vigil.posts.v1`, registers a webhook endpoint and receives signed verdict webhooks (verified with the
 * `standardwebhooks` library, as a platform would), and reads verdicts from `vigil.verdicts.v1`.
 * Used by the demo, the full-pipeline test and the pipeline benchmark.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import {
  postKey,
  TOPICS,
  topicName,
  VerdictV1Schema,
  type PostV1Input,
  type VerdictV1,
} from '@vigil/contracts';
import {
  BatchConsumer,
  DLQ_HEADERS,
  RecordProducer,
  type IncomingRecord,
  type KafkaSettings,
  type SaslCredentials,
} from '@vigil/kafka';
import { Webhook } from 'standardwebhooks';
import { kafkaPrincipals } from './pipeline';

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** A verdict as the platform received it; `at` is ms since epoch at arrival. */
export interface Received<T> {
  readonly verdict: VerdictV1;
  readonly at: number;
  readonly via: T;
}

/** A webhook delivery: signature verified or not (with the reason), and the verdict in it. */
export interface WebhookDelivery {
  readonly verified: boolean;
  readonly error?: string;
  readonly webhookId: string;
}

export interface PlatformOptions {
  readonly brokers: string;
  readonly topicPrefix?: string;
  /** Folder whose files are served at `/media/<name>`. */
  readonly mediaDir: string;
  /** Consumer group of the verdict reader (unique per run; the platform principal may use `vigil-platform*`). */
  readonly groupId: string;
  /** The platform principal's credentials; default `kafkaPrincipals(brokers).platform` (pipeline.ts). */
  readonly sasl?: SaslCredentials;
}

/** The stand-in platform: media server + webhook receiver + posts producer + verdict reader. */
export class Platform {
  /** Verdicts read from the verdict topic, in arrival order. */
  readonly verdicts: Received<'kafka'>[] = [];
  /** Webhook deliveries in arrival order (verdict parsed when the body was one). */
  readonly webhooks: Received<WebhookDelivery>[] = [];
  /** Posts ingest dead-lettered (not a valid PostV1): key → error code. */
  readonly deadLettered = new Map<string, string>();
  /** Records read from ingest's dead-letter topic (several may share a key). */
  deadLetterCount = 0;
  /** While set, the webhook receiver holds each answer this long (a stalled receiver; fault tests). */
  webhookStallMs = 0;
  /** When each post key was published, ms since epoch. */
  readonly publishedAt = new Map<string, number>();
  private signer: Webhook | undefined;
  private readonly producer: RecordProducer;
  private reader: BatchConsumer | undefined;

  private constructor(
    private readonly options: PlatformOptions,
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`. */
    readonly origin: string,
  ) {
    this.producer = new RecordProducer(this.settings('platform'));
  }

  private settings(clientId: string): KafkaSettings {
    const principals = this.options.sasl ? {} : kafkaPrincipals(this.options.brokers);
    const sasl = this.options.sasl ?? principals.platform ?? principals.admin;
    return { brokers: this.options.brokers.split(','), clientId, ...(sasl ? { sasl } : {}) };
  }

  /** Starts the HTTP server on 127.0.0.1 (free port unless `port`) and the verdict reader. */
  static async start(options: PlatformOptions, port = 0): Promise<Platform> {
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.startsWith('/media/')) {
        const name = normalize(decodeURIComponent(req.url.slice('/media/'.length)));
        if (name.startsWith('..') || name.includes('/')) return void res.writeHead(404).end();
        try {
          const body = readFileSync(join(options.mediaDir, name));
          const type = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
          res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
        } catch {
          res.writeHead(404).end();
        }
        return;
      }
      if (req.method === 'POST' && req.url === '/hooks/vigil') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const stall = platform.webhookStallMs;
          const answer = () => {
            // A stalled answer the sender gave up on never counts as received.
            if (res.destroyed || req.socket.destroyed) return;
            platform.receiveWebhook(Buffer.concat(chunks).toString('utf8'), req.headers);
            res.writeHead(204).end();
          };
          if (stall > 0) setTimeout(answer, stall);
          else answer();
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Requests reach the handler above only after this line has run (the server just started listening).
    const platform = new Platform(options, server, origin);
    return platform;
  }

  /** URL of a file of the media folder. */
  mediaUrl(name: string): string {
    return `${this.origin}/media/${encodeURIComponent(name)}`;
  }

  /**
   * Starts reading `vigil.verdicts.v1` and ingest's dead-letter topic (from the beginning: keep groups
   * unique per run). Call once the services have created the topics.
   */
  async readVerdicts(): Promise<void> {
    const prefix = this.options.topicPrefix ?? '';
    const verdicts = topicName(TOPICS.verdicts, prefix);
    this.reader = new BatchConsumer(this.settings('platform-verdicts'), {
      groupId: this.options.groupId,
      topics: [verdicts, topicName(TOPICS.postsDlq, prefix)],
      eachRecord: async (r: IncomingRecord) => {
        if (r.topic !== verdicts) {
          this.deadLetterCount += 1;
          this.deadLettered.set(r.key?.toString() ?? '', String(r.headers[DLQ_HEADERS.errorCode] ?? ''));
          return;
        }
        const verdict = VerdictV1Schema.parse(JSON.parse(r.value!.toString('utf8')));
        this.verdicts.push({ verdict, at: Date.now(), via: 'kafka' });
      },
    });
    await this.reader.start();
  }

  /**
   * Registers `<origin>/hooks/vigil` as the tenant's webhook endpoint through the platform API with a
   * `webhooks:manage` token; keeps the signing secret to verify deliveries. Returns the endpoint id.
   * @throws Error with the API's answer when registration fails.
   */
  async registerWebhook(apiUrl: string, tenant: string, token: string): Promise<string> {
    const response = await fetch(`${apiUrl}/v1/tenants/${tenant}/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${this.origin}/hooks/vigil` }),
    });
    if (response.status !== 201)
      throw new Error(`webhook registration: ${response.status} ${await response.text()}`);
    const { endpoint_id, secret } = (await response.json()) as { endpoint_id: string; secret: string };
    this.signer = new Webhook(secret);
    return endpoint_id;
  }

  /** Publishes posts to the posts topic (key `tenant:post`), recording when. Raw strings go as they are. */
  async publish(posts: ReadonlyArray<PostV1Input | { key: string; raw: string }>): Promise<void> {
    const records = posts.map((p) =>
      'raw' in p
        ? { key: p.key, value: p.raw }
        : { key: postKey(p.tenant_id, p.post_id), value: JSON.stringify(p) },
    );
    const now = Date.now();
    for (const r of records) this.publishedAt.set(r.key, now);
    await this.producer.send(topicName(TOPICS.posts, this.options.topicPrefix ?? ''), records);
  }

  /**
   * Resolves once `check()` is true (polled every 50 ms).
   * @throws Error naming `what` after `timeoutMs`.
   */
  async until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops the reader, the producer and the HTTP server. */
  async close(): Promise<void> {
    await this.reader?.stop();
    await this.producer.disconnect();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private receiveWebhook(body: string, headers: Record<string, string | string[] | undefined>): void {
    const at = Date.now();
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') flat[k] = v;
    const webhookId = flat['webhook-id'] ?? '';
    let verified = false;
    let error: string | undefined;
    try {
      if (!this.signer) throw new Error('no endpoint registered');
      this.signer.verify(body, flat);
      verified = true;
    } catch (e) {
      error = (e as Error).message;
    }
    try {
      const verdict = VerdictV1Schema.parse((JSON.parse(body) as { data: unknown }).data);
      this.webhooks.push({ verdict, at, via: { verified, webhookId, ...(error ? { error } : {}) } });
    } catch {
      // Not a verdict body: nothing to record.
    }
  }
}
