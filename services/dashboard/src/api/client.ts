import createClient from 'openapi-fetch';
import type { components, paths } from './schema.gen';

/** Shapes of the review API, generated from the moderation service's OpenAPI document. */
export type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type Catalogue = Schemas['Catalogue'];
export type QueueSummary = Schemas['QueueSummary'];
export type TaskSummary = Schemas['TaskSummary'];
/** A task of the queue's list, with its group of identical tasks (same media or caption). */
export type QueueTask = Schemas['QueueTask'];
export type TaskDetail = Schemas['TaskDetail'];
export type MediaItem = Schemas['MediaItem'];
export type ScoreItem = Schemas['ScoreItem'];
export type QueueFilter = Schemas['QueueFilter'];
export type SavedFilter = Schemas['SavedFilter'];
export type Decision = Schemas['DecisionRequest']['decision'];
export type Moderator = Schemas['Moderator'];
export type AuthorContext = Schemas['AuthorContext'];
export type AuthorActionKind = Schemas['AuthorActionRequest']['kind'];
export type WellnessPreferences = Schemas['WellnessPreferences'];
export type Exposure = Schemas['Exposure'];

/**
 * The typed client of the review API (openapi-fetch over the generated `paths`). Same origin; the
 * session cookie goes along by itself, and every request carries the CSRF header the API requires on
 * changes.
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { 'x-vigil-csrf': '1' },
});

/** An API error with its stable code (`AUTH_SESSION_INVALID`, `TASK_NOT_CLAIMED`, …). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/**
 * The data of an openapi-fetch result.
 * @throws ApiFailure with the body's `code` and `message` for non-2xx answers.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as { code?: string; message?: string };
  throw new ApiFailure(
    result.response.status,
    body.code ?? `HTTP_${result.response.status}`,
    body.message ?? result.response.statusText,
  );
}
