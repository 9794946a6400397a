import type { Dispatch, SetStateAction } from 'react';
import type { TaskDetail } from '../../api/client';
import { MediaView } from '../../components/MediaView';
import { formatDateTime } from '../../format';
import { MUTE_KEY } from './useItemKeys';

/**
 * The item view's post column: media (safety-blurred until revealed), the mute switch when there is
 * sound, caption, the report or appeal statement and the post's history.
 */
export function ItemContent({
  detail,
  muted,
  setMuted,
  revealed,
  setRevealed,
}: {
  detail: TaskDetail;
  muted: boolean;
  setMuted: (muted: boolean) => void;
  revealed: Set<string>;
  setRevealed: Dispatch<SetStateAction<Set<string>>>;
}) {
  const { task, post, media, history } = detail;
  return (
    <div className="content" aria-label="Post">
      {media.map((m) => (
        <MediaView
          key={m.media_id}
          media={m}
          muted={muted}
          revealed={revealed.has(m.media_id)}
          onReveal={(show) =>
            setRevealed((current) => {
              const copy = new Set(current);
              if (show) copy.add(m.media_id);
              else copy.delete(m.media_id);
              return copy;
            })
          }
        />
      ))}
      {media.some((m) => m.kind === 'audio' || m.kind === 'video') && (
        <label className="mute">
          <input
            type="checkbox"
            checked={muted}
            onChange={(e) => {
              localStorage.setItem(MUTE_KEY, e.target.checked ? '1' : '0');
              setMuted(e.target.checked);
            }}
          />{' '}
          Mute audio <kbd>M</kbd>
        </label>
      )}
      <section aria-labelledby="caption-title">
        <h2 id="caption-title">Caption {post.lang && <span className="muted">({post.lang})</span>}</h2>
        <p className="caption">{post.caption || <span className="muted">(no caption)</span>}</p>
      </section>
      {task.statement && (
        <section aria-labelledby="statement-title">
          <h2 id="statement-title">{task.source === 'appeal' ? 'Appeal' : 'Report'} statement</h2>
          <blockquote>{task.statement}</blockquote>
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol className="history">
          {history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> <span className="pill">{h.kind}</span> rev{' '}
              {h.revision}: {h.summary} <span className="muted">— {h.actor}</span>
              {h.detail && <span className="block muted small">{h.detail}</span>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
