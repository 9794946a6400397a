import type { ServerResponse } from 'node:http';
import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError, requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { moderatorActor, ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { ModeratorStore } from '../auth/moderators';
import { CreateModeratorRequest, UpdateModeratorRequest } from '../auth/schemas';
import { DATABASE, type Db } from '../database/database';
import { QueueStore, type QueueRow } from './queues';
import { AUDIT_CSV_COLUMNS, auditCsvCells, auditEntries } from './audit-log';
import { AuditQuery, QueueRequest, StatsQuery, UpdateQueueRequest } from './schemas';
import { csvField, teamStats } from './team-stats';

/** Administration (admin role only): moderator accounts, roles and queue membership, queues, the audit log. */
@ApiTags('review: admin')
@ApiCookieAuth()
@ApiResponse({ status: 401, type: ApiErrorDto })
@ApiResponse({ status: 403, type: ApiErrorDto, description: 'AUTH_ROLE_FORBIDDEN' })
@UseGuards(ModeratorGuard)
@RequireRole('admin')
@Controller('review/admin')
export class AdminController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    private readonly moderators: ModeratorStore,
    private readonly queues: QueueStore,
  ) {}

  @Get('moderators')
  @ApiOkResponse({ schema: schemaRef('ModeratorList') })
  async listModerators() {
    return { moderators: await this.moderators.list() };
  }

  @Post('moderators')
  @ApiOperation({ summary: 'Create a moderator account with a local password' })
  @ApiBody({ schema: schemaRef('CreateModeratorRequest') })
  @ApiResponse({ status: 201, schema: schemaRef('Moderator') })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'MODERATOR_EXISTS' })
  createModerator(@Body() body: unknown, @Req() req: ModeratorRequest) {
    const input = parseWith(CreateModeratorRequest, body, requestInvalid);
    return this.moderators.create({
      username: input.username,
      displayName: input.display_name,
      role: input.role,
      password: input.password,
      queues: input.queues,
      actor: moderatorActor(req),
    });
  }

  @Patch('moderators/:moderator')
  @ApiOperation({ summary: 'Change role, queues, name, password, or disable (ends their sessions)' })
  @ApiBody({ schema: schemaRef('UpdateModeratorRequest') })
  @ApiOkResponse({ schema: schemaRef('Moderator') })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'MODERATOR_NOT_FOUND' })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'LAST_ADMIN: it would leave no enabled admin' })
  updateModerator(@Param('moderator') id: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    if (!z.uuid().safeParse(id).success) throw new ApiError(404, 'MODERATOR_NOT_FOUND', `no moderator ${id}`);
    const change = parseWith(UpdateModeratorRequest, body, requestInvalid);
    return this.moderators.update(
      id,
      {
        role: change.role,
        displayName: change.display_name,
        queues: change.queues,
        disabled: change.disabled,
        password: change.password,
      },
      moderatorActor(req),
    );
  }

  @Post('queues')
  @ApiOperation({ summary: 'Create a queue (a filter over review tasks with an SLA)' })
  @ApiBody({ schema: schemaRef('QueueRequest') })
  @ApiResponse({ status: 201, description: 'created' })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'QUEUE_EXISTS' })
  async createQueue(@Body() body: unknown, @Req() req: ModeratorRequest): Promise<{ queue_id: string }> {
    const input = parseWith(QueueRequest, body, requestInvalid);
    const queue = await this.queues.create(input, moderatorActor(req));
    return { queue_id: queue.queue_id };
  }

  @Patch('queues/:queue')
  @ApiBody({ schema: schemaRef('UpdateQueueRequest') })
  @ApiOkResponse({ description: 'updated' })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'QUEUE_NOT_FOUND' })
  async updateQueue(
    @Param('queue') queueId: string,
    @Body() body: unknown,
    @Req() req: ModeratorRequest,
  ): Promise<{ queue_id: string }> {
    const change = parseWith(UpdateQueueRequest, body, requestInvalid);
    const queue = await this.queues.update(queueId, change, moderatorActor(req));
    return { queue_id: queue.queue_id };
  }

  @Get('audit')
  @ApiOperation({
    summary:
      "Audit log, newest first (filter by subject, action or prefix, actor, tenant, time; page with before_id). The actor filter takes `moderator:<id>`, `token:<id>`, or a username, display name or token name (case-insensitive). Each entry carries the actor's name, the post of a review-task subject and a one-line summary.",
  })
  @ApiOkResponse({ schema: schemaRef('AuditPage') })
  async auditLog(@Query() query: unknown) {
    return { entries: await auditEntries(this.db, parseWith(AuditQuery, query, requestInvalid)) };
  }

  @Get('audit.csv')
  @ApiOperation({ summary: 'The audit log as CSV (same filters; up to 500 rows per page)' })
  @ApiOkResponse({
    description: `text/csv: ${AUDIT_CSV_COLUMNS.join(', ')} (raw ids and readable names side by side)`,
  })
  async auditCsv(@Query() query: unknown, @Res() res: ServerResponse): Promise<void> {
    const entries = await auditEntries(this.db, parseWith(AuditQuery, query, requestInvalid));
    const lines = [
      AUDIT_CSV_COLUMNS.join(','),
      ...entries.map((e) => auditCsvCells(e).map(csvField).join(',')),
    ];
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="vigil-audit.csv"');
    res.setHeader('x-content-type-options', 'nosniff');
    res.end(`${lines.join('\r\n')}\r\n`);
  }

  @Get('stats')
  @ApiOperation({
    summary:
      "A team lead's numbers: final decisions, escalations and median decision time per moderator and queue (an escalation counts in the queue it was made from), SLA breaches, overturn rate on appeal, agreement with the model",
  })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 time; default 7 days ago' })
  @ApiOkResponse({ schema: schemaRef('TeamStats') })
  async stats(@Query() query: unknown) {
    const q = parseWith(StatsQuery, query, requestInvalid);
    const since = q.since ? new Date(q.since) : new Date(Date.now() - 7 * 86_400_000);
    const queues = await this.db.selectFrom('review_queues').select('queue_id').orderBy('queue_id').execute();
    const rows = (await Promise.all(queues.map((r) => this.queues.get(this.db, r.queue_id)))).filter(
      (r): r is QueueRow => r !== undefined,
    );
    return teamStats(this.db, rows, since);
  }
}
