import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { MediaItem } from '../api/client';
import { formatClock } from '../format';
import { useWellness } from './WellnessContext';

interface Loaded {
  readonly url: string | null;
  readonly error: string | null;
  /** The platform changed the file since it was scored. */
  readonly changed: boolean;
}

/** Fetches a medium through the media proxy into a blob: URL (revoked on unmount). */
function useMediaBlob(src: string | null): Loaded {
  const [state, setState] = useState<Loaded>({ url: null, error: null, changed: false });
  useEffect(() => {
    if (!src) return;
    let url: string | null = null;
    let live = true;
    void (async () => {
      try {
        const res = await fetch(src, { credentials: 'same-origin' });
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { message?: string };
          throw new Error(body.message ?? `HTTP ${res.status}`);
        }
        const changed = res.headers.get('vigil-media-match') === 'changed';
        url = URL.createObjectURL(await res.blob());
        if (live) setState({ url, error: null, changed });
      } catch (error) {
        if (live) setState({ url: null, error: (error as Error).message, changed: false });
      }
    })();
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [src]);
  return state;
}

/** Markers on a bar under a player: flagged frames (video) or speech (audio); click to jump there. */
function Timeline({
  label,
  durationMs,
  marks,
  onSeek,
}: {
  label: string;
  durationMs: number;
  marks: readonly { at: number; end?: number; text: string; flagged: boolean }[];
  onSeek: (ms: number) => void;
}) {
  if (marks.length === 0 || durationMs <= 0) return null;
  const pct = (ms: number) => `${Math.min(100, (ms / durationMs) * 100)}%`;
  return (
    <div className="timeline" role="group" aria-label={label}>
      {marks.map((m, i) => (
        <button
          key={i}
          type="button"
          className={m.flagged ? 'mark mark--flag' : 'mark mark--speech'}
          style={{ left: pct(m.at), width: m.end !== undefined ? pct(m.end - m.at) : undefined }}
          onClick={() => onSeek(m.at)}
          aria-label={`Jump to ${formatClock(m.at)}: ${m.text}`}
          title={`${formatClock(m.at)} ${m.text}`}
        />
      ))}
    </div>
  );
}

/** Lines of one frame, or objects seen, grouped by position in the medium (`null`: a still image). */
function byTime<T extends { timestamp_ms?: number }>(items: readonly T[]): [number | null, T[]][] {
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const at = item.timestamp_ms ?? null;
    groups.set(at, [...(groups.get(at) ?? []), item]);
  }
  return [...groups];
}

/**
 * What the classifier read and saw in a medium: the text in it (per frame with its time for GIFs and
 * video; a time jumps the player there), the objects it detected (best score per label) and the
 * transcript.
 */
function SeenText({ media, onSeek }: { media: MediaItem; onSeek?: (ms: number) => void }) {
  const timed = media.ocr.some((l) => l.timestamp_ms !== undefined);
  const objects = new Map<string, { score: number; at: number[] }>();
  for (const o of media.objects) {
    const seen = objects.get(o.label) ?? { score: 0, at: [] };
    seen.score = Math.max(seen.score, o.score);
    if (o.timestamp_ms !== undefined && !seen.at.includes(o.timestamp_ms)) seen.at.push(o.timestamp_ms);
    objects.set(o.label, seen);
  }
  const clock = (ms: number) =>
    onSeek ? (
      <button
        type="button"
        className="link time"
        onClick={() => onSeek(ms)}
        aria-label={`Jump to ${formatClock(ms)}`}
      >
        {formatClock(ms)}
      </button>
    ) : (
      <span className="time">{formatClock(ms)}</span>
    );
  return (
    <>
      {media.ocr.length > 0 && (
        <div className="seen-text">
          <strong>Text in {media.kind}:</strong>{' '}
          {timed ? (
            <ul className="frames">
              {byTime(media.ocr).map(([at, lines]) => (
                <li key={at ?? -1}>
                  {at !== null && clock(at)} {lines.map((l) => l.text).join(' / ')}
                </li>
              ))}
            </ul>
          ) : (
            media.ocr.map((l) => l.text).join(' / ')
          )}
        </div>
      )}
      {objects.size > 0 && (
        <span className="block">
          <strong>Objects:</strong>{' '}
          {[...objects]
            .map(
              ([label, o]) =>
                `${label} ${o.score.toFixed(2)}${o.at.length ? ` (at ${o.at.map(formatClock).join(', ')})` : ''}`,
            )
            .join(', ')}
        </span>
      )}
      {media.transcript && (
        <span className="block">
          <strong>Transcript:</strong> {media.transcript}
        </span>
      )}
    </>
  );
}

/**
 * One medium of the item view. Sensitive visual media (see the API's `sensitive`) start blurred and
 * greyscale, as strong as the moderator's wellness settings say (blur 0–40 px, greyscale on or off); the
 * moderator reveals them one by one (click, or V for all). A medium without a source or whose fetch
 * failed is never blurred: its error message is shown as is. Video gets a timeline of
 * flagged frames, audio one of speech segments; audio follows the dashboard's mute switch.
 */
export function MediaView({
  media,
  revealed,
  onReveal,
  muted,
}: {
  media: MediaItem;
  revealed: boolean;
  onReveal: (reveal: boolean) => void;
  muted: boolean;
}) {
  const { url, error, changed } = useMediaBlob(media.src);
  const { display } = useWellness();
  const player = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [durationMs, setDurationMs] = useState(0);
  // Nothing to hide when there is nothing to show: a medium without a source, or one that failed to load,
  // shows its error in plain sight (no blur, no "Show" button over it).
  const unavailable = !media.src || error !== null;
  const blurred = media.sensitive.blur && !revealed && !unavailable;
  const label = media.alt_text || `${media.kind} without alt-text`;
  const seek = (ms: number) => {
    if (player.current) player.current.currentTime = ms / 1000;
  };
  const flagMarks = media.flagged.map((f) => ({
    at: f.timestamp_ms,
    text: `${f.category} ${f.score.toFixed(2)}`,
    flagged: true,
  }));

  let body;
  if (!media.src) body = <p className="media-missing">Media not available: {media.src_missing_reason}</p>;
  else if (error) body = <p className="media-missing">Media not available: {error}</p>;
  else if (!url) body = <p className="loading">Loading {media.kind}…</p>;
  else if (media.kind === 'audio') {
    body = (
      <>
        <audio
          ref={player}
          src={url}
          controls
          muted={muted}
          onLoadedMetadata={(e) => setDurationMs(e.currentTarget.duration * 1000)}
        >
          {label}
        </audio>
        <Timeline
          label="Speech and flagged moments"
          durationMs={durationMs}
          marks={[
            ...media.speech.map((s) => ({ at: s.start_ms, end: s.end_ms, text: 'speech', flagged: false })),
            ...flagMarks,
          ]}
          onSeek={seek}
        />
      </>
    );
  } else if (media.kind === 'video') {
    body = (
      <>
        <video
          ref={player}
          src={url}
          controls
          muted={muted}
          aria-label={label}
          onLoadedMetadata={(e) => setDurationMs(e.currentTarget.duration * 1000)}
        />
        <Timeline label="Flagged frames" durationMs={durationMs} marks={flagMarks} onSeek={seek} />
      </>
    );
  } else {
    body = <img src={url} alt={label} />;
  }

  return (
    <figure
      className={`media ${blurred ? 'media--blurred' : ''}`}
      // The moderator's own blur strength and greyscale (wellness settings) for the hidden state.
      style={
        {
          '--media-blur': `${display.blur_px}px`,
          '--media-grey': display.greyscale ? 1 : 0,
        } as CSSProperties
      }
      data-media-id={media.media_id}
      data-blurred={blurred}
    >
      <div className="media-frame">
        {body}
        {blurred && (
          <button type="button" className="reveal" onClick={() => onReveal(true)} aria-keyshortcuts="v">
            Show {media.kind} <kbd>V</kbd>
            <span className="small">Hidden: {media.sensitive.reasons.join(', ')}</span>
          </button>
        )}
      </div>
      <figcaption>
        <span className="media-kind">{media.kind}</span> {media.media_id}
        {media.sensitive.blur && !unavailable && !blurred && (
          <button type="button" className="link" onClick={() => onReveal(false)}>
            Hide again
          </button>
        )}
        {changed && <span className="warning"> The file at the source changed since it was scored.</span>}
        {media.status === 'error' && <span className="warning"> Analysis failed: {media.error_code}</span>}
        {media.alt_text && (
          <span className="block">
            <strong>Alt-text:</strong> {media.alt_text}
          </span>
        )}
        <SeenText media={media} onSeek={media.kind === 'video' ? seek : undefined} />
      </figcaption>
    </figure>
  );
}
