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
  | 'WEBHOOK_URL_INVALID'
  | 'WEBHOOK_URL_FORBIDDEN';

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
