import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiError } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { LoginRequest } from './schemas';
import { CSRF_HEADER, ModeratorGuard, RequireRole, type ModeratorRequest } from './moderator.guard';
import { LoginThrottle } from './login-throttle';
import { LOCAL_PROVIDER, ModeratorStore, normaliseUsername } from './moderators';
import { SESSION_COOKIE } from '../http/session-cookie';
import { SessionStore, type ModeratorPrincipal } from './sessions';

interface CookieResponse {
  cookie(name: string, value: string, options: Record<string, unknown>): void;
  setHeader(name: string, value: string): void;
  clearCookie(name: string, options: Record<string, unknown>): void;
}

interface LoginHttpRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly ip?: string;
}

export function meView(m: ModeratorPrincipal) {
  return {
    moderator_id: m.moderatorId,
    username: m.username,
    display_name: m.displayName,
    role: m.role,
    queues: [...m.queues],
  };
}

/**
 * Moderator login and logout. A login sets the `vigil_session` cookie (httpOnly, SameSite=Strict,
 * Secure, Path=/); the session lives server-side (see SessionStore). Local accounts log in with a
 * username and password; an OIDC callback would end in the same `SessionStore.create`.
 */
@ApiTags('review: session')
@Controller('review/session')
export class SessionController {
  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    private readonly moderators: ModeratorStore,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
  ) {}

  private cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.SESSION_COOKIE_SECURE,
      path: '/',
    };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with a local account; sets the session cookie' })
  @ApiBody({ schema: schemaRef('LoginRequest') })
  @ApiOkResponse({ schema: schemaRef('Me') })
  @ApiResponse({ status: 401, type: ApiErrorDto, description: 'AUTH_LOGIN_FAILED' })
  @ApiResponse({
    status: 429,
    type: ApiErrorDto,
    description:
      'AUTH_LOGIN_LOCKED: too many failures from this address (for this username or in all); Retry-After says when to try again',
  })
  @ApiResponse({ status: 503, type: ApiErrorDto, description: 'AUTH_BUSY: too many logins at once' })
  async login(
    @Body() body: unknown,
    @Req() req: LoginHttpRequest,
    @Res({ passthrough: true }) res: CookieResponse,
  ) {
    if (!req.headers[CSRF_HEADER]) {
      throw new ApiError(403, 'AUTH_CSRF_HEADER_MISSING', `send the ${CSRF_HEADER} header`);
    }
    const input = parseWith(LoginRequest, body, (m) => new ApiError(400, 'REQUEST_INVALID', m));
    const username = normaliseUsername(input.username);
    const source = req.ip ?? 'unknown';
    try {
      await this.throttle.check(username, source);
    } catch (error) {
      const retry = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
      throw error;
    }
    const outcome = await this.moderators.verifyLocalLogin(
      input.username,
      input.password,
      (work) => this.throttle.hash(work),
      source,
    );
    if (!outcome.ok) {
      await this.throttle.failed(username, source);
      throw new ApiError(401, 'AUTH_LOGIN_FAILED', 'wrong username or password');
    }
    await this.throttle.succeeded(username, source);
    const userAgent = req.headers['user-agent'];
    const { token, expiresAt } = await this.sessions.create(outcome.moderatorId, LOCAL_PROVIDER, {
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
      ip: req.ip,
    });
    res.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(), expires: expiresAt });
    const me = await this.sessions.resolve(token);
    return meView(me!);
  }

  @Get()
  @UseGuards(ModeratorGuard)
  @RequireRole('viewer')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The logged-in moderator, role and queues' })
  @ApiOkResponse({ schema: schemaRef('Me') })
  @ApiResponse({ status: 401, type: ApiErrorDto })
  me(@Req() req: ModeratorRequest) {
    return meView(req.moderator);
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(ModeratorGuard)
  @RequireRole('viewer')
  @ApiCookieAuth()
  @ApiOperation({
    summary: "Log out: ends the session server-side and gives the moderator's claimed tasks back",
  })
  @ApiNoContentResponse()
  async logout(@Req() req: ModeratorRequest, @Res({ passthrough: true }) res: CookieResponse): Promise<void> {
    await this.sessions.revoke(req.moderator.sessionHash, { releaseClaims: true });
    res.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }
}
