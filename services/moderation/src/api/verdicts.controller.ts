import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { VerdictV1 } from '@vigil/contracts';
import { DATABASE, type Db } from '../database/database';
import { CursorError, latestVerdict, verdictFeed, type VerdictPage } from '../verdicts/verdict-queries';
import { ApiError, requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { FeedQuery, RevisionQuery, VerdictPageDto } from './dto';
import { RequireScope, TenantAuthGuard } from './tenant-auth.guard';

/** Lookup API for platforms that missed a delivery. */
@ApiTags('verdicts')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorDto, description: 'AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID' })
@ApiResponse({ status: 403, type: ApiErrorDto, description: 'AUTH_TENANT_FORBIDDEN, AUTH_SCOPE_MISSING' })
@UseGuards(TenantAuthGuard)
@Controller('v1/tenants/:tenant')
export class VerdictsController {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  @Get('posts/:post/verdict')
  @RequireScope('verdicts:read')
  @ApiOperation({ summary: 'The verdict in force for a post (latest revision, or ?revision=)' })
  @ApiQuery({ name: 'revision', required: false, type: Number })
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/VerdictV1' } })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'VERDICT_NOT_FOUND' })
  async verdict(
    @Param('tenant') tenant: string,
    @Param('post') post: string,
    @Query() query: Record<string, unknown>,
  ): Promise<VerdictV1> {
    const { revision } = parseWith(RevisionQuery, query, requestInvalid);
    const verdict = await latestVerdict(this.db, tenant, post, revision);
    if (!verdict) {
      const which = revision === undefined ? 'any revision' : `revision ${revision}`;
      throw new ApiError(404, 'VERDICT_NOT_FOUND', `no verdict for post ${post} (${which})`);
    }
    return verdict;
  }

  @Get('verdicts')
  @RequireScope('verdicts:read')
  @ApiOperation({
    summary: 'Page through verdicts in commit order',
    description:
      'Start with no `since` (everything) or an ISO 8601 time; then pass each page’s `next_cursor` as `since`. ' +
      'Verdicts committed after a cursor was issued always appear after it.',
  })
  @ApiQuery({
    name: 'since',
    required: false,
    description: 'next_cursor of the previous page, or an ISO 8601 time',
  })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1..1000, default 100' })
  @ApiOkResponse({ type: VerdictPageDto })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, CURSOR_INVALID' })
  async feed(@Param('tenant') tenant: string, @Query() query: Record<string, unknown>): Promise<VerdictPage> {
    const { since, limit } = parseWith(FeedQuery, query, requestInvalid);
    try {
      return await verdictFeed(this.db, tenant, since, limit);
    } catch (error) {
      if (error instanceof CursorError) throw new ApiError(400, 'CURSOR_INVALID', error.message);
      throw error;
    }
  }
}
