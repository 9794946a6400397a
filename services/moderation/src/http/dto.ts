import { ApiProperty } from '@nestjs/swagger';
import type { z } from 'zod';

/** Shared request-validation and error-body helpers of every controller (tenant API and review API). */

export class ApiErrorDto {
  @ApiProperty() statusCode!: number;
  @ApiProperty({ example: 'VERDICT_NOT_FOUND' }) code!: string;
  @ApiProperty() message!: string;
}

/**
 * Parses `value` with a zod schema.
 * @throws the error `toError` makes from the first issue (a 400 REQUEST_INVALID ApiError in controllers).
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  toError: (message: string) => Error,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw toError(`${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
}
