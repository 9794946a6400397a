import { Body, Controller, Get, HttpCode, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { WellnessStore } from './wellness';
import { WellnessPreferencesRequest } from './wellness-schemas';

/**
 * The signed-in moderator's own wellness settings and exposure count (`/review/me/…`). The session
 * names the moderator: no route takes a moderator id, so nobody reads or changes another's.
 */
@ApiTags('review')
@ApiCookieAuth()
@ApiResponse({ status: 401, type: ApiErrorDto, description: 'AUTH_SESSION_MISSING, AUTH_SESSION_INVALID' })
@ApiResponse({ status: 403, type: ApiErrorDto, description: 'AUTH_CSRF_HEADER_MISSING' })
@UseGuards(ModeratorGuard)
@Controller('review/me')
export class WellnessController {
  constructor(private readonly wellness: WellnessStore) {}

  @Get('preferences')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Your media blur, greyscale and break settings (defaults filled in)' })
  @ApiOkResponse({ schema: schemaRef('WellnessPreferences') })
  preferences(@Req() req: ModeratorRequest) {
    return this.wellness.preferences(req.moderator.moderatorId);
  }

  @Put('preferences')
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Save your media blur (0–40 px), greyscale and break settings (break after 1–200 graphic items)',
  })
  @ApiBody({ schema: schemaRef('WellnessPreferencesRequest') })
  @ApiOkResponse({ schema: schemaRef('WellnessPreferences') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID' })
  savePreferences(@Body() body: unknown, @Req() req: ModeratorRequest) {
    const input = parseWith(WellnessPreferencesRequest, body, requestInvalid);
    return this.wellness.savePreferences(req.moderator.moderatorId, input);
  }

  @Get('exposure')
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Graphic items you opened since your login or your last break, and whether a break is due',
  })
  @ApiOkResponse({ schema: schemaRef('Exposure') })
  exposure(@Req() req: ModeratorRequest) {
    return this.wellness.exposure(req.moderator);
  }

  @Post('exposure/reset')
  @HttpCode(200)
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Take a break: your graphic-item count starts again from now' })
  @ApiOkResponse({ schema: schemaRef('Exposure') })
  takeBreak(@Req() req: ModeratorRequest) {
    return this.wellness.takeBreak(req.moderator);
  }
}
