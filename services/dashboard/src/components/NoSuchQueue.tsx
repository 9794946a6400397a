import { api } from '../api/client';
import { useHeadingFocus } from '../focus';
import { Link } from '../router';

/**
 * Whether the API knows no queue `queueId`. A moderator cannot list every queue (that list is admin-only),
 * but a queue's routes tell the two cases apart: `404 QUEUE_NOT_FOUND` for a queue that does not exist,
 * `403 AUTH_QUEUE_FORBIDDEN` for one they are not a member of (existence is checked first).
 */
export async function queueMissing(queueId: string): Promise<boolean> {
  const { response, error } = await api.GET('/review/queues/{queue}/tasks', {
    params: { path: { queue: queueId }, query: { limit: 1 } },
  });
  return response.status === 404 && (error as { code?: string } | undefined)?.code === 'QUEUE_NOT_FOUND';
}

/** "No such queue": a queue URL naming a queue that does not exist (a typo, an old link), and a way back. */
export function NoSuchQueue({ queueId }: { queueId: string }) {
  const heading = useHeadingFocus();
  return (
    <section className="not-allowed" aria-labelledby="no-such-queue">
      <h1 id="no-such-queue" ref={heading} tabIndex={-1}>
        No such queue
      </h1>
      <p>
        There is no queue named <strong>{queueId}</strong>. Pick one of{' '}
        <Link to={{ name: 'queues' }}>your queues</Link>.
      </p>
    </section>
  );
}
