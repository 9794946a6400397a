import type { DefaultedTimestamp } from './columns';

// Row types: where the review dashboard gets media bytes.

/** Where the dashboard gets a medium's bytes: the platform's URL, or the inline bytes of the post. */
export interface MediaSourcesTable {
  tenant_id: string;
  post_id: string;
  revision: number;
  media_id: string;
  kind: string;
  url: string | null;
  inline: Buffer | null;
  declared_mime: string | null;
  /** Why neither URL nor bytes are kept (inline medium over the size limit). */
  omitted_reason: string | null;
  recorded_at: DefaultedTimestamp;
}
