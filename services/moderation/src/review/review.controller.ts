import type { ServerResponse } from 'node:http';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CATEGORY_IDS,
  REVIEW_DECISIONS,
  REVIEW_REASONS,
  REVIEW_SOURCES,
  SENSITIVE_MEDIA_CATEGORIES,
  TAXONOMY,
} from '@vigil/contracts';
import { z } from 'zod';
import { ApiError, requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { DATABASE, type Db } from '../database/database';
import { BulkDecisions } from './bulk-decisions';
import { ReviewClaims } from './claims';
import { ReviewDecisions } from './decisions';
import { TaskGrouping } from './grouping';
// Registers TaskList (grouped tasks) for the OpenAPI document.
import './grouping-schemas';
import { QueueStore } from './queues';
import { BulkDecisionRequest, ClaimRequest, DecisionRequest, TaskListQuery } from './schemas';
import { taskDetail } from './task-detail';
import { WellnessStore } from './wellness';

const TaskId = z.uuid();
/** How often a live queue (server-sent events) looks for changes. */
const QUEUE_EVENTS_INTERVAL_MS = 2000;

function taskIdOf(id: string): string {
  if (!TaskId.safeParse(id).success) throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${id}`);
  return id;
}

const CATALOGUE = {
  decisions: REVIEW_DECISIONS.map((decision) => ({
    decision,
    reasons: REVIEW_REASONS[decision].map((r) => ({ ...r })),
  })),
  categories: CATEGORY_IDS.map((id) => ({ id, description: TAXONOMY[id].description })),
  sources: [...REVIEW_SOURCES],
  sensitive_categories: [...SENSITIVE_MEDIA_CATEGORIES],
};

/**
 * The moderators' review API (session cookie, see SessionController): queues with counts, task lists,
 * claims with a lease, the item view and decisions. Viewers read; moderators also claim and decide;
 * every queue route checks membership (admins work in every queue).
 */
@ApiTags('review')
@ApiCookieAuth()
@ApiResponse({ status: 401, type: ApiErrorDto, description: 'AUTH_SESSION_MISSING, AUTH_SESSION_INVALID' })
@ApiResponse({
  status: 403,
  type: ApiErrorDto,
  description: 'AUTH_ROLE_FORBIDDEN, AUTH_QUEUE_FORBIDDEN, AUTH_CSRF_HEADER_MISSING',
})
@UseGuards(ModeratorGuard)
@Controller('review')
export class ReviewController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    private readonly queues: QueueStore,
    private readonly claims: ReviewClaims,
    private readonly decisions: ReviewDecisions,
    private readonly bulk: BulkDecisions,
    private readonly grouping: TaskGrouping,
    private readonly wellness: WellnessStore,
  ) {}

  @Get('catalogue')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Decisions with their reason codes, categories, task sources' })
  @ApiOkResponse({ schema: schemaRef('Catalogue') })
  catalogue() {
    return CATALOGUE;
  }

  @Get('queues')
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'The queues you work in, with open, claimed, overdue and urgent counts and the next due time',
  })
  @ApiOkResponse({ schema: schemaRef('QueueList') })
  async list(@Req() req: ModeratorRequest) {
    return { queues: await this.queues.summaries(req.moderator) };
  }

  @Get('queues/:queue/tasks')
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Open and claimed tasks of a queue, overdue first, then by priority, then oldest',
    description:
      'Each task carries its group: the waiting tasks of the queue with the same media (SHA-256) or, for ' +
      'posts without media, the same caption of 3 words or more; `?group=` lists one group, to decide ' +
      'with POST …/decisions.',
  })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'tenants', required: false, description: 'comma-separated' })
  @ApiQuery({ name: 'categories', required: false, description: 'comma-separated category ids' })
  @ApiQuery({ name: 'languages', required: false, description: 'comma-separated BCP 47 tags' })
  @ApiQuery({ name: 'sources', required: false, description: 'comma-separated: model, appeal, report' })
  @ApiQuery({ name: 'min_severity', required: false, type: Number })
  @ApiQuery({ name: 'group', required: false, description: 'a group_id: only that group' })
  @ApiOkResponse({ schema: schemaRef('TaskList') })
  async tasks(@Param('queue') queueId: string, @Query() query: unknown, @Req() req: ModeratorRequest) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const { limit, filter, group } = parseWith(TaskListQuery, query, requestInvalid);
    return { tasks: await this.grouping.tasks(queue, filter, limit, req.moderator.moderatorId, group) };
  }

  @Get('queues/:queue/events')
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Live queue: server-sent events with the queue counts whenever they change',
    description:
      'text/event-stream; each `queue` event carries {open, claimed, overdue, oldest_created_at, ' +
      'newest_created_at, urgent, next_due_at}; a comment every interval keeps the connection open.',
  })
  @ApiOkResponse({ description: 'text/event-stream of `queue` events' })
  async events(
    @Param('queue') queueId: string,
    @Req() req: ModeratorRequest,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    let last = '';
    let busy = false;
    const tick = async () => {
      if (busy || res.writableEnded) return;
      busy = true;
      try {
        const data = JSON.stringify(await this.queues.counts(queue));
        res.write(data === last ? ': idle\n\n' : `event: queue\ndata: ${data}\n\n`);
        last = data;
      } catch {
        // The database will answer again; the next tick tries.
      } finally {
        busy = false;
      }
    };
    await tick();
    const timer = setInterval(() => void tick(), QUEUE_EVENTS_INTERVAL_MS);
    res.on('close', () => clearInterval(timer));
  }

  @Post('queues/:queue/claim')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: 'Claim the next task of the queue (lease REVIEW_CLAIM_LEASE); task null when empty',
  })
  @ApiBody({ schema: schemaRef('ClaimRequest'), required: false })
  @ApiOkResponse({ schema: schemaRef('ClaimResponse') })
  async claimNext(@Param('queue') queueId: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const { filter } = parseWith(ClaimRequest, body ?? {}, requestInvalid);
    return { task: await this.claims.claimNext(queue, filter ?? {}, req.moderator.moderatorId) };
  }

  @Get('queues/:queue/tasks/:task')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'The item view: post, media, scores, reasons, verdict in force, history' })
  @ApiOkResponse({ schema: schemaRef('TaskDetail') })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'TASK_NOT_FOUND' })
  async task(@Param('queue') queueId: string, @Param('task') taskId: string, @Req() req: ModeratorRequest) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const detail = await taskDetail(this.db, this.queues, queue, taskIdOf(taskId), req.moderator.moderatorId);
    // Opening a graphic item counts toward the moderator's break prompt (GET /review/me/exposure).
    await this.wellness.recordOpened(req.moderator, detail.task.task_id, {
      categories: detail.task.categories,
      scores: detail.scores,
    });
    return detail;
  }

  @Post('queues/:queue/tasks/:task/claim')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({ summary: 'Claim this task, or renew your claim on it' })
  @ApiOkResponse({ schema: schemaRef('TaskSummary') })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'TASK_CLAIMED_BY_OTHER, TASK_CLOSED' })
  async claim(@Param('queue') queueId: string, @Param('task') taskId: string, @Req() req: ModeratorRequest) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    return this.claims.claim(queue, taskIdOf(taskId), req.moderator.moderatorId);
  }

  @Post('queues/:queue/tasks/:task/release')
  @HttpCode(204)
  @RequireRole('moderator')
  @ApiOperation({ summary: 'Give the task back to the queue' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'TASK_NOT_CLAIMED' })
  async release(
    @Param('queue') queueId: string,
    @Param('task') taskId: string,
    @Req() req: ModeratorRequest,
  ): Promise<void> {
    await this.queues.forModerator(queueId, req.moderator);
    await this.claims.release(taskIdOf(taskId), req.moderator.moderatorId);
  }

  @Post('queues/:queue/tasks/:task/decision')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: 'Decide a task you hold',
    description:
      'approve, remove and age_restrict publish a human verdict (Kafka and webhook, like model verdicts) and ' +
      'resolve the task; escalate hands it to the senior queues. Optional per-category feedback labels say ' +
      'whether you agree with the model. A high-severity decision (any final decision on an urgent task, ' +
      'removal as illegal content; TaskDetail.confirm lists them) needs confirmed: true.',
  })
  @ApiBody({ schema: schemaRef('DecisionRequest') })
  @ApiOkResponse({ schema: schemaRef('DecisionResponse') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, REASON_CODE_INVALID' })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'TASK_NOT_CLAIMED, CONFIRMATION_REQUIRED' })
  async decide(
    @Param('queue') queueId: string,
    @Param('task') taskId: string,
    @Body() body: unknown,
    @Req() req: ModeratorRequest,
  ) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const request = parseWith(DecisionRequest, body, requestInvalid);
    return this.decisions.decide(queue, taskIdOf(taskId), req.moderator, request);
  }

  @Post('queues/:queue/decisions')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: 'Decide many tasks of the queue with one decision and reason (at most 100)',
    description:
      'Each task is claimed and decided as if decided alone, in its own transaction: a task someone else ' +
      'holds, one already decided or one outside the queue is skipped (with the code a single decision ' +
      'would answer), not taken over; the others go on. `results` lists every task in request order.',
  })
  @ApiBody({ schema: schemaRef('BulkDecisionRequest') })
  @ApiOkResponse({ schema: schemaRef('BulkDecisionResponse') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, REASON_CODE_INVALID' })
  async decideMany(@Param('queue') queueId: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const request = parseWith(BulkDecisionRequest, body, requestInvalid);
    const queue = await this.queues.forModerator(queueId, req.moderator);
    return this.bulk.decide(queue, req.moderator, request);
  }

  @Post('decisions/:decision/undo')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: 'Undo your decision inside its undo window',
    description:
      'The held verdict (Kafka record and webhook) is withdrawn before it was published and the task is ' +
      'claimed by you again. REVIEW_UNDO_WINDOW sets the window.',
  })
  @ApiOkResponse({ schema: schemaRef('UndoResponse') })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'DECISION_NOT_FOUND' })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'UNDO_WINDOW_CLOSED' })
  async undo(@Param('decision') decisionId: string, @Req() req: ModeratorRequest) {
    if (!z.uuid().safeParse(decisionId).success) {
      throw new ApiError(404, 'DECISION_NOT_FOUND', `no decision ${decisionId} of yours`);
    }
    return this.decisions.undo(decisionId, req.moderator);
  }
}
