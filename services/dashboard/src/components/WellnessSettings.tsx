import { useEffect, useState, type FormEvent } from 'react';
import { announce } from '../announce';
import { useHeadingFocus } from '../focus';
import { formatTime } from '../format';
import { useWellness } from './WellnessContext';

/** Blur strengths offered (CSS px); the API takes any whole number 0–40. */
const BLUR_LEVELS = [
  { px: 0, label: 'None' },
  { px: 8, label: 'Low' },
  { px: 16, label: 'Medium' },
  { px: 28, label: 'High (default)' },
  { px: 40, label: 'Maximum' },
] as const;
const BREAK_MIN = 1;
const BREAK_MAX = 200;

/**
 * The moderator's own wellness page (header › Wellness): how sensitive media look until revealed (blur
 * strength, greyscale, with a preview), after how many graphic items a break is suggested, and this
 * session's count with *Take a break*. Settings are stored server-side, per moderator.
 */
export function WellnessSettings() {
  const { preferences, exposure, save, takeBreak } = useWellness();
  const [blur, setBlur] = useState(28);
  const [greyscale, setGreyscale] = useState(true);
  const [breakAfter, setBreakAfter] = useState('25');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useHeadingFocus(preferences !== null);

  useEffect(() => {
    if (!preferences) return;
    setBlur(preferences.blur_px);
    setGreyscale(preferences.greyscale);
    setBreakAfter(String(preferences.break_after));
  }, [preferences]);

  if (!preferences) return <p className="loading">Loading your settings…</p>;
  const levels = BLUR_LEVELS.some((l) => l.px === blur)
    ? BLUR_LEVELS
    : [...BLUR_LEVELS, { px: blur, label: 'Custom' }];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(breakAfter);
    if (!Number.isInteger(n) || n < BREAK_MIN || n > BREAK_MAX) {
      setError(`Break after: a whole number from ${BREAK_MIN} to ${BREAK_MAX}.`);
      return;
    }
    try {
      await save({ blur_px: blur, greyscale, break_after: n });
      setError(null);
      const said = 'Wellness settings saved.';
      setStatus(said);
      announce(said);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const rest = async () => {
    try {
      await takeBreak();
      const said = 'Break started: your graphic-item count starts again.';
      setStatus(said);
      announce(said);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="wellness" aria-labelledby="wellness-title">
      <h1 id="wellness-title" ref={heading} tabIndex={-1}>
        Wellness
      </h1>
      <form className="wellness-form" onSubmit={(e) => void submit(e)} aria-label="Wellness settings">
        <fieldset>
          <legend>Sensitive media until revealed</legend>
          <label htmlFor="blur">Blur</label>
          <select id="blur" value={blur} onChange={(e) => setBlur(Number(e.target.value))}>
            {levels.map((l) => (
              <option key={l.px} value={l.px}>
                {l.label} ({l.px} px)
              </option>
            ))}
          </select>
          <label className="inline">
            <input type="checkbox" checked={greyscale} onChange={(e) => setGreyscale(e.target.checked)} />{' '}
            Greyscale
          </label>
          <div className="wellness-preview-frame" aria-hidden="true">
            <div
              className="wellness-preview"
              style={{ filter: `blur(${blur}px) grayscale(${greyscale ? 1 : 0})` }}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Breaks</legend>
          <label htmlFor="break-after">Suggest a break after this many graphic items</label>
          <input
            id="break-after"
            type="number"
            inputMode="numeric"
            min={BREAK_MIN}
            max={BREAK_MAX}
            value={breakAfter}
            onChange={(e) => setBreakAfter(e.target.value)}
          />
          <p className="small muted">
            Graphic: sexual content, graphic violence or self-harm. Counted once per item, from your login or
            your last break.
          </p>
        </fieldset>
        <button type="submit" className="primary">
          Save
        </button>
      </form>
      {status && (
        <p role="status" className="notice">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {exposure && (
        <section aria-labelledby="session-title">
          <h2 id="session-title">This session</h2>
          <p>
            {exposure.graphic_items} graphic {exposure.graphic_items === 1 ? 'item' : 'items'} since{' '}
            <time dateTime={exposure.since}>{formatTime(exposure.since)}</time>; a break is suggested after{' '}
            {exposure.break_after}.
          </p>
          <button type="button" onClick={() => void rest()}>
            Take a break now
          </button>
        </section>
      )}
    </section>
  );
}
