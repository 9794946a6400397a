import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PolicySet } from '@vigil/policy';
import { ReadinessRegistry } from '@vigil/platform';
import { sql } from 'kysely';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { DATABASE, migrateToLatest, type Db } from './database';

/**
 * Applies migrations at start-up (before any worker starts: Nest runs every `onModuleInit` before any
 * `onApplicationBootstrap`), records the policy versions in force, registers the readiness probe and
 * closes the pool last at shutdown.
 */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    @Inject(DATABASE) private readonly db: Db,
    private readonly policies: PolicySet,
    private readonly readiness: ReadinessRegistry,
    @InjectPinoLogger(DatabaseLifecycle.name) private readonly log: PinoLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.DATABASE_MIGRATE) {
      const applied = await migrateToLatest(this.db, this.config.DATABASE_SCHEMA);
      if (applied.length > 0) this.log.info({ applied }, 'applied migrations');
    }
    for (const doc of this.policies.all()) {
      await this.db
        .insertInto('policy_versions')
        .values({ policy_id: doc.id, version: doc.version, document: JSON.stringify(doc) })
        .onConflict((oc) => oc.columns(['policy_id', 'version']).doNothing())
        .execute();
    }
    this.readiness.register('database', async () => {
      await sql`SELECT 1`.execute(this.db);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
