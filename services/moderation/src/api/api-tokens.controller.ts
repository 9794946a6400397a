import { Controller, Delete, Get, HttpCode, Inject, Param, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DATABASE, type Db } from '../database/database';
import { ApiError } from '../http/api-error';
import { listApiTokens, revokeApiToken, SCOPES, type ApiTokenView } from './api-tokens';
import { ApiErrorDto } from '../http/dto';
import { RequireScope, TenantAuthGuard, type AuthenticatedRequest } from './tenant-auth.guard';

class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) token_id!: string;
  @ApiProperty() tenant_id!: string;
  @ApiProperty({ example: 'platform backend' }) name!: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes!: string[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Last request authenticated with it, to the minute; null = never used',
  })
  last_used_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at!: string | null;
}

/**
 * A tenant's API tokens: list (never the token itself) and revoke. Tokens are created by an operator
 * (`moderation token create`); a token with `tokens:manage` can list and revoke its tenant's tokens,
 * itself included (e.g. after a leak).
 */
@ApiTags('api tokens')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorDto })
@ApiResponse({ status: 403, type: ApiErrorDto })
@UseGuards(TenantAuthGuard)
@Controller('v1/tenants/:tenant/api-tokens')
export class ApiTokensController {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  @Get()
  @RequireScope('tokens:manage')
  @ApiOperation({ summary: "The tenant's API tokens with their last use, revoked ones included" })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@Param('tenant') tenant: string): Promise<ApiTokenView[]> {
    return listApiTokens(this.db, tenant);
  }

  @Delete(':token')
  @HttpCode(204)
  @RequireScope('tokens:manage')
  @ApiOperation({ summary: 'Revoke a token: it stops authenticating at once' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'API_TOKEN_NOT_FOUND' })
  async revoke(
    @Param('tenant') tenant: string,
    @Param('token') tokenId: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<void> {
    const revoked = await revokeApiToken(this.db, {
      tokenId,
      tenantId: tenant,
      actor: `token:${req.principal.tokenId}`,
    });
    if (!revoked) throw new ApiError(404, 'API_TOKEN_NOT_FOUND', `no API token ${tokenId}`);
  }
}
