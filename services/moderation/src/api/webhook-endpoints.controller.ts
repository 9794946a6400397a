import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { EndpointStore, type EndpointView } from '../webhooks/endpoint-store';
import { assertWebhookUrlAllowed, WebhookUrlError } from '../webhooks/url-guard';
import { ApiError } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import {
  CreateEndpointBody,
  CreateEndpointDto,
  EndpointDto,
  EndpointWithSecretDto,
  RotatedSecretDto,
} from './dto';
import { RequireScope, TenantAuthGuard, type AuthenticatedRequest } from './tenant-auth.guard';

const notFound = (id: string) => new ApiError(404, 'WEBHOOK_ENDPOINT_NOT_FOUND', `no webhook endpoint ${id}`);

/** Webhook endpoints of a tenant: register, list, rotate the signing secret, re-enable, delete. */
@ApiTags('webhook endpoints')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorDto })
@ApiResponse({ status: 403, type: ApiErrorDto })
@UseGuards(TenantAuthGuard)
@Controller('v1/tenants/:tenant/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    private readonly endpoints: EndpointStore,
  ) {}

  @Post()
  @RequireScope('webhooks:manage')
  @ApiOperation({ summary: 'Register an endpoint; the response shows its signing secret once' })
  @ApiBody({ type: CreateEndpointDto })
  @ApiCreatedResponse({ type: EndpointWithSecretDto })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, WEBHOOK_URL_INVALID' })
  @ApiResponse({
    status: 422,
    type: ApiErrorDto,
    description: 'WEBHOOK_URL_FORBIDDEN (private or internal address)',
  })
  async create(
    @Param('tenant') tenant: string,
    @Body() body: unknown,
    @Req() req: AuthenticatedRequest,
  ): Promise<EndpointView & { secret: string }> {
    const input = parseWith(CreateEndpointBody, body, (m) => new ApiError(400, 'REQUEST_INVALID', m));
    try {
      await assertWebhookUrlAllowed(input.url, { allow: this.config.WEBHOOK_EGRESS_ALLOW });
    } catch (error) {
      if (error instanceof WebhookUrlError) {
        throw new ApiError(error.code === 'WEBHOOK_URL_FORBIDDEN' ? 422 : 400, error.code, error.message);
      }
      throw error;
    }
    const { endpoint, secret } = await this.endpoints.create({
      tenantId: tenant,
      url: input.url,
      description: input.description,
      maxConcurrency: input.max_concurrency ?? this.config.WEBHOOK_ENDPOINT_CONCURRENCY,
      actor: `token:${req.principal.tokenId}`,
    });
    return { ...endpoint, secret };
  }

  @Get()
  @RequireScope('webhooks:manage')
  @ApiOkResponse({ type: [EndpointDto] })
  list(@Param('tenant') tenant: string): Promise<EndpointView[]> {
    return this.endpoints.list(tenant);
  }

  @Get(':endpoint')
  @RequireScope('webhooks:manage')
  @ApiOkResponse({ type: EndpointDto })
  @ApiResponse({ status: 404, type: ApiErrorDto })
  async get(@Param('tenant') tenant: string, @Param('endpoint') id: string): Promise<EndpointView> {
    return (await this.endpoints.get(tenant, id)) ?? Promise.reject(notFound(id));
  }

  @Post(':endpoint/rotate-secret')
  @HttpCode(200)
  @RequireScope('webhooks:manage')
  @ApiOperation({ summary: 'New signing secret; the previous ones keep signing during the overlap' })
  @ApiOkResponse({ type: RotatedSecretDto })
  @ApiResponse({ status: 404, type: ApiErrorDto })
  async rotate(
    @Param('tenant') tenant: string,
    @Param('endpoint') id: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<{ secret: string; previous_secrets_expire_at: string }> {
    const rotated = await this.endpoints.rotateSecret(
      tenant,
      id,
      this.config.WEBHOOK_SECRET_OVERLAP,
      `token:${req.principal.tokenId}`,
    );
    if (!rotated) throw notFound(id);
    return { secret: rotated.secret, previous_secrets_expire_at: rotated.previousExpiresAt.toISOString() };
  }

  @Post(':endpoint/enable')
  @HttpCode(200)
  @RequireScope('webhooks:manage')
  @ApiOperation({ summary: 'Re-enable a disabled endpoint; its pending deliveries resume' })
  @ApiOkResponse({ type: EndpointDto })
  async enable(
    @Param('tenant') tenant: string,
    @Param('endpoint') id: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<EndpointView> {
    return (
      (await this.endpoints.enable(tenant, id, `token:${req.principal.tokenId}`)) ??
      Promise.reject(notFound(id))
    );
  }

  @Delete(':endpoint')
  @HttpCode(204)
  @RequireScope('webhooks:manage')
  @ApiNoContentResponse()
  async remove(
    @Param('tenant') tenant: string,
    @Param('endpoint') id: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<void> {
    if (!(await this.endpoints.remove(tenant, id, `token:${req.principal.tokenId}`))) throw notFound(id);
  }
}
