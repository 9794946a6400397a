import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../http/api-error';
import type { ModeratorRole } from '../database/tables';
import { roleAtLeast } from './moderators';
import { SESSION_COOKIE } from '../http/session-cookie';
import { SessionStore, type ModeratorPrincipal } from './sessions';

const ROLE_KEY = 'vigil:role';

/** The least role a dashboard route needs (viewer < moderator < admin). Every review route sets one. */
export const RequireRole = (role: ModeratorRole) => SetMetadata(ROLE_KEY, role);

/**
 * Header every state-changing dashboard request must carry. Browsers cannot add a custom header to a
 * cross-site form post, and a cross-origin `fetch` with it needs a CORS preflight this API never grants;
 * with the SameSite=Strict cookie this closes CSRF (OWASP CSRF cheat sheet, "custom request headers").
 */
export const CSRF_HEADER = 'x-vigil-csrf';

export interface ModeratorRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  moderator: ModeratorPrincipal;
}

/** The audit-log actor of a moderator's request: `moderator:<id>`. */
export const moderatorActor = (req: ModeratorRequest): string => `moderator:${req.moderator.moderatorId}`;

/** The value of one cookie in a `Cookie` header (RFC 6265 syntax), or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Session authentication for `/review/…`: a live session cookie, the route's role, and the CSRF header
 * on anything but GET/HEAD. Queue membership is checked by the routes that name a queue.
 * @throws ApiError 401 AUTH_SESSION_MISSING / AUTH_SESSION_INVALID, 403 AUTH_CSRF_HEADER_MISSING /
 *   AUTH_ROLE_FORBIDDEN.
 */
@Injectable()
export class ModeratorGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionStore,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ModeratorRequest>();
    const needed = this.reflector.getAllAndOverride<ModeratorRole | undefined>(ROLE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!needed) throw new Error(`route ${context.getClass().name}.${context.getHandler().name} has no role`);
    const token = readCookie(req.headers.cookie as string | undefined, SESSION_COOKIE);
    if (!token) throw new ApiError(401, 'AUTH_SESSION_MISSING', 'log in first');
    const moderator = await this.sessions.resolve(token);
    if (!moderator) throw new ApiError(401, 'AUTH_SESSION_INVALID', 'the session ended; log in again');
    if (req.method !== 'GET' && req.method !== 'HEAD' && !req.headers[CSRF_HEADER]) {
      throw new ApiError(403, 'AUTH_CSRF_HEADER_MISSING', `send the ${CSRF_HEADER} header`);
    }
    if (!roleAtLeast(moderator.role, needed)) {
      throw new ApiError(403, 'AUTH_ROLE_FORBIDDEN', `this needs the ${needed} role`);
    }
    req.moderator = moderator;
    return true;
  }
}
