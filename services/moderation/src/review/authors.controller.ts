import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { ApiError, requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { AuthorActionRequest, AuthorLiftRequest } from './author-schemas';
import { AuthorActions } from './authors';
import { QueueStore } from './queues';

function taskIdOf(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${id}`);
  return id;
}

/**
 * The author of a task's post: context (their other posts, decisions, actions, strikes, account age)
 * for viewers, and warn / mute / suspend (and lifting a mute or suspension) for moderators. Both go through a task of a queue you work in;
 * no route names an author, so authors of other queues and other tenants cannot be reached.
 */
@ApiTags('review')
@ApiCookieAuth()
@ApiResponse({ status: 401, type: ApiErrorDto, description: 'AUTH_SESSION_MISSING, AUTH_SESSION_INVALID' })
@ApiResponse({
  status: 403,
  type: ApiErrorDto,
  description: 'AUTH_ROLE_FORBIDDEN, AUTH_QUEUE_FORBIDDEN, AUTH_CSRF_HEADER_MISSING',
})
@ApiResponse({ status: 404, type: ApiErrorDto, description: 'QUEUE_NOT_FOUND, TASK_NOT_FOUND' })
@UseGuards(ModeratorGuard)
@Controller('review/queues/:queue/tasks/:task/author')
export class AuthorsController {
  constructor(
    private readonly queues: QueueStore,
    private readonly authors: AuthorActions,
  ) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({
    summary: "The post author's context: other posts and verdicts, decisions, actions, strikes, account age",
    description:
      "Within the post's tenant only. A strike is a human remove decision not undone, or an author action.",
  })
  @ApiOkResponse({ schema: schemaRef('AuthorContext') })
  async context(
    @Param('queue') queueId: string,
    @Param('task') taskId: string,
    @Req() req: ModeratorRequest,
  ) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    return this.authors.context(queue, taskIdOf(taskId), req.moderator);
  }

  @Post('actions')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: "Warn, mute or suspend the post's author",
    description:
      "Recorded, audited and delivered to the post's callback endpoint as a signed `author.action` webhook " +
      '(webhook-id `msg_author_<action id>`). The same idempotency_key from you again returns the first action.',
  })
  @ApiBody({ schema: schemaRef('AuthorActionRequest') })
  @ApiOkResponse({ schema: schemaRef('AuthorActionResponse') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, REASON_CODE_INVALID' })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'AUTHOR_UNKNOWN' })
  async act(
    @Param('queue') queueId: string,
    @Param('task') taskId: string,
    @Body() body: unknown,
    @Req() req: ModeratorRequest,
  ) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const request = parseWith(AuthorActionRequest, body, requestInvalid);
    return this.authors.act(queue, taskIdOf(taskId), req.moderator, request);
  }

  @Post('actions/:action/lift')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: "Lift a mute or suspension of the post's author before it runs out",
    description:
      "Only an action on this task's author (same tenant) is found. Sets lifted_at / lifted_by, is audited " +
      "(`author.lifted`) and delivered to the post's callback endpoint as a signed `author.action.lifted` " +
      'webhook (webhook-id `msg_author_lift_<action id>`). A lifted action stays listed and still counts as ' +
      'a strike. A warning cannot be lifted; an action already lifted or run out is not active.',
  })
  @ApiBody({ schema: schemaRef('AuthorLiftRequest') })
  @ApiOkResponse({ schema: schemaRef('AuthorLiftResponse') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, REASON_CODE_INVALID' })
  @ApiResponse({
    status: 404,
    type: ApiErrorDto,
    description: 'QUEUE_NOT_FOUND, TASK_NOT_FOUND, AUTHOR_ACTION_NOT_FOUND',
  })
  @ApiResponse({
    status: 409,
    type: ApiErrorDto,
    description: 'AUTHOR_ACTION_NOT_LIFTABLE, AUTHOR_ACTION_NOT_ACTIVE',
  })
  async lift(
    @Param('queue') queueId: string,
    @Param('task') taskId: string,
    @Param('action') actionId: string,
    @Body() body: unknown,
    @Req() req: ModeratorRequest,
  ) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const request = parseWith(AuthorLiftRequest, body ?? {}, requestInvalid);
    return this.authors.lift(queue, taskIdOf(taskId), actionId, req.moderator, request);
  }
}
