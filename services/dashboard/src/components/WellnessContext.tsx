import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap, type Exposure, type WellnessPreferences } from '../api/client';

/** Blur and greyscale used before the moderator's settings have loaded (the service defaults). */
const DEFAULT_DISPLAY = { blur_px: 28, greyscale: true } as const;

export interface Wellness {
  /** The moderator's saved settings (null while loading). */
  readonly preferences: WellnessPreferences | null;
  /** Blur (px) and greyscale that sensitive media get until revealed. */
  readonly display: { readonly blur_px: number; readonly greyscale: boolean };
  /** Graphic items opened since login or the last break (null while loading). */
  readonly exposure: Exposure | null;
  /** The break prompt is showing: a break is due and was not waved off for this stretch. */
  readonly promptOpen: boolean;
  /** Reloads the exposure count (after an item was opened). */
  refreshExposure(): Promise<void>;
  /** Saves the settings. @throws ApiFailure (REQUEST_INVALID for values out of bounds). */
  save(next: { blur_px: number; greyscale: boolean; break_after: number }): Promise<void>;
  /** "Take a break": the count starts again. @throws ApiFailure */
  takeBreak(): Promise<void>;
  /** "Not now": the prompt stays away for another `break_after` graphic items. */
  dismiss(): void;
}

const WellnessState = createContext<Wellness>({
  preferences: null,
  display: DEFAULT_DISPLAY,
  exposure: null,
  promptOpen: false,
  refreshExposure: async () => undefined,
  save: async () => undefined,
  takeBreak: async () => undefined,
  dismiss: () => undefined,
});

/** The signed-in moderator's wellness settings and exposure count (see GET /review/me/…). */
export function useWellness(): Wellness {
  return useContext(WellnessState);
}

/**
 * Loads the moderator's wellness settings and exposure count once per login (the app shell renders it
 * only while signed in, so a new login starts from the server's new count) and shares them.
 */
export function WellnessProvider({ children }: { children: ReactNode }) {
  const [preferences, setPreferences] = useState<WellnessPreferences | null>(null);
  const [exposure, setExposure] = useState<Exposure | null>(null);
  /** The count at which the moderator last waved the prompt off. */
  const [dismissedAt, setDismissedAt] = useState(0);

  const refreshExposure = useCallback(async () => {
    setExposure(unwrap(await api.GET('/review/me/exposure')));
  }, []);

  useEffect(() => {
    // Without them the dashboard still works, with the default blur and no break prompt.
    void (async () => {
      setPreferences(unwrap(await api.GET('/review/me/preferences')));
      await refreshExposure();
    })().catch(() => undefined);
  }, [refreshExposure]);

  const save = useCallback(
    async (next: { blur_px: number; greyscale: boolean; break_after: number }) => {
      setPreferences(unwrap(await api.PUT('/review/me/preferences', { body: next })));
      await refreshExposure();
    },
    [refreshExposure],
  );

  const takeBreak = useCallback(async () => {
    setExposure(unwrap(await api.POST('/review/me/exposure/reset')));
    setDismissedAt(0);
  }, []);

  const value = useMemo<Wellness>(
    () => ({
      preferences,
      display: preferences ?? DEFAULT_DISPLAY,
      exposure,
      promptOpen:
        !!exposure && exposure.break_due && exposure.graphic_items >= dismissedAt + exposure.break_after,
      refreshExposure,
      save,
      takeBreak,
      dismiss: () => setDismissedAt(exposure?.graphic_items ?? 0),
    }),
    [preferences, exposure, dismissedAt, refreshExposure, save, takeBreak],
  );
  return <WellnessState.Provider value={value}>{children}</WellnessState.Provider>;
}
