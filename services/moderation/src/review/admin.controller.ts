import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError, requestInvalid } from '../api/api-error';
import { ApiErrorDto, parseWith } from '../api/dto';
import { schemaRef } from '../api/schema-ref';
import { moderatorActor, ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { ModeratorStore } from '../auth/moderators';
import { DATABASE, type Db } from '../database/database';
import { QueueStore } from './queues';
import {
  AuditQuery,
  CreateModeratorRequest,
  QueueRequest,
  UpdateModeratorRequest,
  UpdateQueueRequest,
} from './schemas';

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
  @ApiOperation({ summary: 'Audit log, newest first (filter by subject; page with before_id)' })
  @ApiOkResponse({ schema: schemaRef('AuditPage') })
  async auditLog(@Query() query: unknown) {
    const q = parseWith(AuditQuery, query, requestInvalid);
    let select = this.db.selectFrom('audit_log').selectAll();
    if (q.subject_type) select = select.where('subject_type', '=', q.subject_type);
    if (q.subject_id) select = select.where('subject_id', '=', q.subject_id);
    if (q.before_id) select = select.where('id', '<', String(q.before_id));
    const rows = await select.orderBy('id', 'desc').limit(q.limit).execute();
    return {
      entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    };
  }
}
