import { Body, Controller, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ExternalId } from '@vigil/contracts';
import { DATABASE, type Db } from '../database/database';
import { openPlatformTask, type PlatformTaskOutcome } from '../review/platform-tasks';
import { AppealRequest, ReportRequest } from '../review/schemas';
import { requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { RequireScope, TenantAuthGuard, type AuthenticatedRequest } from './tenant-auth.guard';

interface StatusResponse {
  status(code: number): void;
}

/**
 * Platforms ask for a human look at a post: an author's appeal against a verdict, or a user's report.
 * Each opens a review task in the appeals or reports queue with the post's history; the outcome comes
 * back as a human verdict (Kafka and webhook). 201 when a task was opened, 200 when this appeal or report
 * id was already received.
 */
@ApiTags('appeals and reports')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorDto })
@ApiResponse({ status: 403, type: ApiErrorDto, description: 'AUTH_TENANT_FORBIDDEN, AUTH_SCOPE_MISSING' })
@ApiResponse({ status: 404, type: ApiErrorDto, description: 'POST_NOT_FOUND' })
@UseGuards(TenantAuthGuard)
@Controller('v1/tenants/:tenant/posts/:post')
export class ReviewRequestsController {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  @Post('appeals')
  @RequireScope('appeals:write')
  @ApiOperation({ summary: "Appeal the post's verdict (the author asks for a human review)" })
  @ApiBody({ schema: schemaRef('AppealRequest') })
  @ApiResponse({ status: 201, schema: schemaRef('PlatformTaskResponse') })
  @ApiResponse({ status: 200, schema: schemaRef('PlatformTaskResponse'), description: 'already received' })
  async appeal(
    @Param('tenant') tenant: string,
    @Param('post') post: string,
    @Body() body: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: StatusResponse,
  ): Promise<PlatformTaskOutcome> {
    const input = parseWith(AppealRequest, body, requestInvalid);
    return this.respond(res, {
      kind: 'appeal',
      tenantId: tenant,
      postId: parseWith(ExternalId, post, requestInvalid),
      revision: input.revision,
      externalRef: input.appeal_id,
      statement: input.statement,
      priority: input.priority,
      actor: `token:${req.principal.tokenId}`,
    });
  }

  @Post('reports')
  @RequireScope('reports:write')
  @ApiOperation({ summary: 'Report the post (a user flagged it on the platform)' })
  @ApiBody({ schema: schemaRef('ReportRequest') })
  @ApiResponse({ status: 201, schema: schemaRef('PlatformTaskResponse') })
  @ApiResponse({ status: 200, schema: schemaRef('PlatformTaskResponse'), description: 'already received' })
  async report(
    @Param('tenant') tenant: string,
    @Param('post') post: string,
    @Body() body: unknown,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: StatusResponse,
  ): Promise<PlatformTaskOutcome> {
    const input = parseWith(ReportRequest, body, requestInvalid);
    return this.respond(res, {
      kind: 'report',
      tenantId: tenant,
      postId: parseWith(ExternalId, post, requestInvalid),
      revision: input.revision,
      externalRef: input.report_id,
      statement: input.statement,
      priority: input.priority,
      category: input.category,
      actor: `token:${req.principal.tokenId}`,
    });
  }

  private async respond(
    res: StatusResponse,
    input: Parameters<typeof openPlatformTask>[1],
  ): Promise<PlatformTaskOutcome> {
    const outcome = await openPlatformTask(this.db, input);
    res.status(outcome.created ? 201 : 200);
    return outcome;
  }
}
