import { useCallback, useEffect, useState } from 'react';
import { api, ApiFailure, unwrap, type TaskDetail } from '../../api/client';
import { useWellness } from '../../components/WellnessContext';

/**
 * Loads the item and holds the moderator's claim on it: opening a waiting task as a moderator claims
 * it (a claim held by someone else is reported through `setStatus`), and the claim is renewed at half
 * the remaining lease while the page is open. Returns the item and a way to reload it.
 */
export function useItemClaim({
  queueId,
  taskId,
  canDecide,
  setStatus,
  setError,
}: {
  queueId: string;
  taskId: string;
  canDecide: boolean;
  setStatus: (status: string | null) => void;
  setError: (error: string | null) => void;
}): { detail: TaskDetail | null; load: () => Promise<TaskDetail> } {
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const { refreshExposure } = useWellness();

  const load = useCallback(async () => {
    const found = unwrap(
      await api.GET('/review/queues/{queue}/tasks/{task}', {
        params: { path: { queue: queueId, task: taskId } },
      }),
    );
    setDetail(found);
    return found;
  }, [queueId, taskId]);

  // Open: load, and claim when a moderator opens a waiting task.
  useEffect(() => {
    void (async () => {
      try {
        const found = await load();
        if (canDecide && found.task.status === 'open') {
          try {
            unwrap(
              await api.POST('/review/queues/{queue}/tasks/{task}/claim', {
                params: { path: { queue: queueId, task: taskId } },
              }),
            );
            await load();
          } catch (e) {
            if (e instanceof ApiFailure && e.status === 409) setStatus(e.message);
            else throw e;
          }
        }
        // Opening a graphic item counted toward the break prompt: show the new count.
        await refreshExposure().catch(() => undefined);
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, [load, canDecide, queueId, taskId, refreshExposure]);

  // Keep the claim while the page is open: renew at half the remaining lease.
  const expires = detail?.task.claimed_by_me ? detail.task.claim_expires_at : null;
  useEffect(() => {
    if (!expires) return;
    const wait = Math.max(5_000, (Date.parse(expires) - Date.now()) / 2);
    const timer = setTimeout(() => {
      void api
        .POST('/review/queues/{queue}/tasks/{task}/claim', {
          params: { path: { queue: queueId, task: taskId } },
        })
        .then(() => load());
    }, wait);
    return () => clearTimeout(timer);
  }, [expires, load, queueId, taskId]);

  return { detail, load };
}
