import { randomUUID } from 'node:crypto';
import type { Db } from '../database/database';
import { QueueFilter } from './schemas';

export interface SavedFilterView {
  readonly filter_id: string;
  readonly queue_id: string;
  readonly name: string;
  readonly filter: QueueFilter;
}

/** A moderator's named filters within queues (e.g. "German hate, severity ≥ 2"). Private to their owner. */
export class SavedFilters {
  constructor(private readonly db: Db) {}

  async list(moderatorId: string): Promise<SavedFilterView[]> {
    const rows = await this.db
      .selectFrom('saved_filters')
      .select(['filter_id', 'queue_id', 'name', 'filter'])
      .where('moderator_id', '=', moderatorId)
      .orderBy('queue_id')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ ...r, filter: QueueFilter.parse(r.filter) }));
  }

  /** Saves a filter; a filter with the same name in the same queue is replaced. */
  async save(moderatorId: string, input: { queue_id: string; name: string; filter: QueueFilter }) {
    const row = await this.db
      .insertInto('saved_filters')
      .values({
        filter_id: randomUUID(),
        moderator_id: moderatorId,
        queue_id: input.queue_id,
        name: input.name.trim(),
        filter: JSON.stringify(input.filter),
      })
      .onConflict((oc) =>
        oc
          .columns(['moderator_id', 'queue_id', 'name'])
          .doUpdateSet({ filter: JSON.stringify(input.filter) }),
      )
      .returning(['filter_id', 'queue_id', 'name', 'filter'])
      .executeTakeFirstOrThrow();
    return { ...row, filter: QueueFilter.parse(row.filter) };
  }

  /** Deletes one of the moderator's filters; false when there was none. */
  async remove(moderatorId: string, filterId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('saved_filters')
      .where('filter_id', '=', filterId)
      .where('moderator_id', '=', moderatorId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
