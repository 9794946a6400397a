import { HttpException } from '@nestjs/common';

/** Stable codes of API errors (the `code` field of every error body). */
export type ApiErrorCode =
  | 'AUTH_TOKEN_MISSING'
  | 'AUTH_TOKEN_INVALID'
  | 'AUTH_TENANT_FORBIDDEN'
  | 'AUTH_SCOPE_MISSING'
  | 'REQUEST_INVALID'
  | 'CURSOR_INVALID'
  | 'VERDICT_NOT_FOUND'
  | 'WEBHOOK_ENDPOINT_NOT_FOUND'
  | 'API_TOKEN_NOT_FOUND'
  | 'WEBHOOK_URL_INVALID'
  | 'WEBHOOK_URL_FORBIDDEN'
  // moderator sessions and roles (review API)
  | 'AUTH_LOGIN_FAILED'
  | 'AUTH_LOGIN_LOCKED'
  | 'AUTH_BUSY'
  | 'AUTH_SESSION_MISSING'
  | 'AUTH_SESSION_INVALID'
  | 'AUTH_CSRF_HEADER_MISSING'
  | 'AUTH_ROLE_FORBIDDEN'
  | 'AUTH_QUEUE_FORBIDDEN'
  // review work
  | 'QUEUE_NOT_FOUND'
  | 'QUEUE_EXISTS'
  | 'TASK_NOT_FOUND'
  | 'TASK_CLAIMED_BY_OTHER'
  | 'TASK_NOT_CLAIMED'
  | 'TASK_CLOSED'
  | 'REASON_CODE_INVALID'
  | 'DECISION_NOT_FOUND'
  | 'UNDO_WINDOW_CLOSED'
  | 'CONFIRMATION_REQUIRED'
  | 'FILTER_NOT_FOUND'
  | 'MODERATOR_NOT_FOUND'
  | 'MODERATOR_EXISTS'
  | 'LAST_ADMIN'
  | 'PASSWORD_INVALID'
  | 'POST_NOT_FOUND'
  | 'MEDIA_NOT_FOUND'
  | 'MEDIA_UNAVAILABLE'
  | 'AUTHOR_UNKNOWN'
  | 'AUTHOR_ACTION_NOT_FOUND'
  | 'AUTHOR_ACTION_NOT_LIFTABLE'
  | 'AUTHOR_ACTION_NOT_ACTIVE'
  // hash banks
  | 'BANK_EXISTS'
  | 'BANK_NOT_FOUND'
  | 'BANK_SIGNAL_MISMATCH'
  | 'BANK_FILE_INVALID'
  | 'BANK_HASH_NOT_FOUND'
  | 'HASH_MATCH_NOT_FOUND';

/** An API error: HTTP status plus body `{ statusCode, code, message }`. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super({ statusCode: status, code, message }, status);
  }
}

/** A 400 `REQUEST_INVALID` error for a body, query or path parameter that failed validation. */
export const requestInvalid = (message: string): ApiError => new ApiError(400, 'REQUEST_INVALID', message);
