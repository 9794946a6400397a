import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError, requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { QueueStore } from './queues';
import { SavedFilters } from './saved-filters';
import { SavedFilterRequest } from './schemas';

/**
 * A moderator's saved queue filters (session cookie, see SessionController), part of the review API:
 * list, save (same name replaces) and delete your own; saving checks membership of the filter's queue.
 * Split out of ReviewController: the operation ids stay `ReviewController_*` so the OpenAPI document and
 * the dashboard's generated client do not change.
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
export class SavedFiltersController {
  constructor(
    private readonly queues: QueueStore,
    private readonly savedFilters: SavedFilters,
  ) {}

  @Get('saved-filters')
  @RequireRole('viewer')
  // No summary (as before the split): ApiOperation's default `summary: ''` would add one.
  @ApiOperation({ operationId: 'ReviewController_filters', summary: undefined })
  @ApiOkResponse({ schema: schemaRef('SavedFilterList') })
  async filters(@Req() req: ModeratorRequest) {
    return { filters: await this.savedFilters.list(req.moderator.moderatorId) };
  }

  @Post('saved-filters')
  @RequireRole('viewer')
  @ApiOperation({
    operationId: 'ReviewController_saveFilter',
    summary: 'Save a named filter for a queue (same name replaces)',
  })
  @ApiBody({ schema: schemaRef('SavedFilterRequest') })
  @ApiOkResponse({ schema: schemaRef('SavedFilter') })
  async saveFilter(@Body() body: unknown, @Req() req: ModeratorRequest) {
    const input = parseWith(SavedFilterRequest, body, requestInvalid);
    await this.queues.forModerator(input.queue_id, req.moderator);
    return this.savedFilters.save(req.moderator.moderatorId, input);
  }

  @Delete('saved-filters/:filter')
  @HttpCode(204)
  @RequireRole('viewer')
  // No summary (as before the split): ApiOperation's default `summary: ''` would add one.
  @ApiOperation({ operationId: 'ReviewController_deleteFilter', summary: undefined })
  @ApiNoContentResponse()
  async deleteFilter(@Param('filter') filterId: string, @Req() req: ModeratorRequest): Promise<void> {
    const found =
      z.uuid().safeParse(filterId).success &&
      (await this.savedFilters.remove(req.moderator.moderatorId, filterId));
    if (!found) throw new ApiError(404, 'FILTER_NOT_FOUND', `no saved filter ${filterId}`);
  }
}
