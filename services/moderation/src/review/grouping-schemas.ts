import { z } from 'zod';
import { responseSchemas } from '../http/openapi-registry';
import { GROUP_ID } from './request-schemas';
import { TaskSummary } from './response-schemas';

/**
 * Shapes of grouped task lists (`GET /review/queues/{queue}/tasks`): identical review items of a queue
 * share a group, so a wave of the same meme is one decision (see grouping.ts for the rule). Zod and the
 * registry only.
 */

export const TaskGroup = z
  .object({
    /** Stable while the group's tasks wait; pass it as `?group=` to list only them. */
    group_id: z.string().regex(GROUP_ID),
    /**
     * `media`: the same media bytes (SHA-256 of every medium); `caption`: the same normalised text, no
     * media; `near_media`: single images within PDQ distance 31 of each other (re-encoded or resized copies).
     */
    basis: z.enum(['media', 'caption', 'near_media']),
    /** Open and claimed tasks of the list's queue and filter in the group (≥ 2), not only this page's. */
    size: z.int().min(2),
  })
  .meta({
    description: 'Tasks of this queue with the same media, near-identical images or the same caption',
  });
export type TaskGroup = z.output<typeof TaskGroup>;
responseSchemas.add(TaskGroup, { id: 'TaskGroup' });

export const QueueTask = TaskSummary.extend({
  /** null when no other waiting task of the queue is identical (or a near-identical image). */
  group: TaskGroup.nullable(),
});
export type QueueTask = z.output<typeof QueueTask>;
responseSchemas.add(QueueTask, { id: 'QueueTask' });

export const TaskList = z.object({ tasks: z.array(QueueTask) });
responseSchemas.add(TaskList, { id: 'TaskList' });
