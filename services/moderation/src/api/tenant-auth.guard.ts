import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DATABASE, type Db } from '../database/database';
import { ApiError } from '../http/api-error';
import { authenticateToken, type Scope, type TokenPrincipal } from './api-tokens';

const SCOPE_KEY = 'vigil:scope';

/** Marks a route as needing a scope of the caller's token. */
export const RequireScope = (scope: Scope) => SetMetadata(SCOPE_KEY, scope);

/** The authenticated principal, set on the request by `TenantAuthGuard`. */
export interface AuthenticatedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>> & { authorization?: string };
  readonly params: Readonly<Record<string, string>>;
  principal: TokenPrincipal;
}

/**
 * Bearer-token authentication for `/v1/tenants/{tenant}/…`: the token must exist, not be revoked,
 * belong to `{tenant}` and carry the route's scope.
 * @throws ApiError 401 AUTH_TOKEN_MISSING / AUTH_TOKEN_INVALID, 403 AUTH_TENANT_FORBIDDEN / AUTH_SCOPE_MISSING.
 */
@Injectable()
export class TenantAuthGuard implements CanActivate {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'AUTH_TOKEN_MISSING', 'send Authorization: Bearer <token>');
    const principal = await authenticateToken(this.db, match[1]!);
    if (!principal) throw new ApiError(401, 'AUTH_TOKEN_INVALID', 'unknown or revoked token');
    if (principal.tenantId !== req.params.tenant) {
      throw new ApiError(403, 'AUTH_TENANT_FORBIDDEN', 'the token belongs to another tenant');
    }
    const scope = this.reflector.get<Scope | undefined>(SCOPE_KEY, context.getHandler());
    if (scope && !principal.scopes.includes(scope)) {
      throw new ApiError(403, 'AUTH_SCOPE_MISSING', `the token lacks scope ${scope}`);
    }
    req.principal = principal;
    return true;
  }
}
