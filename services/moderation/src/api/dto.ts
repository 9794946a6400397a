import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TenantId } from '@vigil/contracts';
import { z } from 'zod';

/** Request validation (zod) and the matching OpenAPI classes (@nestjs/swagger) of the tenant API. */

export const CreateEndpointBody = z
  .object({
    url: z.string().max(2048),
    description: z.string().max(500).optional(),
    max_concurrency: z.int().min(1).max(64).optional(),
  })
  .strict();

export const FeedQuery = z.object({
  since: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const RevisionQuery = z.object({ revision: z.coerce.number().int().min(0).optional() });

export const TenantParam = TenantId;

export class CreateEndpointDto {
  @ApiProperty({
    example: 'https://platform.example.com/hooks/vigil',
    description: 'http(s); must not reach private addresses',
  })
  url!: string;
  @ApiPropertyOptional({ example: 'production receiver' })
  description?: string;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 64,
    description: 'Deliveries in flight to this endpoint at once',
  })
  max_concurrency?: number;
}

export class EndpointDto {
  @ApiProperty({ example: 'ep_3f9c2a…' }) endpoint_id!: string;
  @ApiProperty() tenant_id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty() max_concurrency!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabled_at!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'receiver answered 410 Gone' }) disabled_reason!:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failing_since!: string | null;
}

export class EndpointWithSecretDto extends EndpointDto {
  @ApiProperty({
    description: 'Signing secret (Standard Webhooks `whsec_…`), shown only now',
    example: 'whsec_…',
  })
  secret!: string;
}

export class RotatedSecretDto {
  @ApiProperty({ description: 'The new signing secret, shown only now' }) secret!: string;
  @ApiProperty({ format: 'date-time', description: 'Until then the previous secrets also sign' })
  previous_secrets_expire_at!: string;
}

export class VerdictPageDto {
  @ApiProperty({ type: 'array', items: { $ref: '#/components/schemas/VerdictV1' } })
  verdicts!: unknown[];
  @ApiProperty({ description: 'Pass as `since` for the next page' })
  next_cursor!: string;
}
