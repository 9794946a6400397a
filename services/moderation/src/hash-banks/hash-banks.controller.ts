import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError, requestInvalid } from '../http/api-error';
import { ApiErrorDto, parseWith } from '../http/dto';
import { schemaRef } from '../http/schema-ref';
import { moderatorActor, ModeratorGuard, RequireRole, type ModeratorRequest } from '../auth/moderator.guard';
import { DATABASE, type Db } from '../database/database';
import { QueueStore } from '../review/queues';
import { HashBankStore } from './bank-store';
import {
  AddHashesRequest,
  BankHashListQuery,
  CreateBankRequest,
  HashMatchReviewRequest,
  ImportBankFileRequest,
  RemoveHashesRequest,
  UpdateBankHashRequest,
  UpdateBankRequest,
} from './schemas';

/**
 * Hash-bank administration (admin role): create banks, enable or disable them, add, import and remove
 * hashes, enable or disable one hash. Classifiers pick every change up through NOTIFY.
 */
@ApiTags('review: hash banks')
@ApiCookieAuth()
@ApiResponse({ status: 401, type: ApiErrorDto })
@ApiResponse({ status: 403, type: ApiErrorDto, description: 'AUTH_ROLE_FORBIDDEN' })
@UseGuards(ModeratorGuard)
@RequireRole('admin')
@Controller('review/admin')
export class HashBanksController {
  constructor(private readonly banks: HashBankStore) {}

  @Get('banks')
  @ApiOkResponse({ schema: schemaRef('HashBankList') })
  async list() {
    return { banks: await this.banks.listBanks() };
  }

  @Post('banks')
  @ApiOperation({ summary: 'Create a hash bank (pdq: image hashes; vpdq: video frame-hash sets)' })
  @ApiBody({ schema: schemaRef('CreateBankRequest') })
  @ApiResponse({ status: 201, schema: schemaRef('HashBank') })
  @ApiResponse({ status: 409, type: ApiErrorDto, description: 'BANK_EXISTS' })
  create(@Body() body: unknown, @Req() req: ModeratorRequest) {
    const input = parseWith(CreateBankRequest, body, requestInvalid);
    return this.banks.createBank({
      name: input.name,
      signalType: input.signal_type,
      action: input.action,
      source: input.source,
      description: input.description,
      enabled: input.enabled,
      ownerTenant: input.owner_tenant,
      actor: moderatorActor(req),
    });
  }

  @Get('banks/:bank')
  @ApiOkResponse({ schema: schemaRef('HashBank') })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'BANK_NOT_FOUND' })
  show(@Param('bank') bank: string) {
    return this.banks.bank(bank);
  }

  @Patch('banks/:bank')
  @ApiOperation({ summary: 'Enable or disable a bank, or change its action, source or description' })
  @ApiBody({ schema: schemaRef('UpdateBankRequest') })
  @ApiOkResponse({ schema: schemaRef('HashBank') })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'BANK_NOT_FOUND' })
  update(@Param('bank') bank: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const change = parseWith(UpdateBankRequest, body, requestInvalid);
    return this.banks.updateBank(bank, change, moderatorActor(req));
  }

  @Get('banks/:bank/hashes')
  @ApiOperation({ summary: 'Entries of a bank in id order (page with `after` = the last hash_id)' })
  @ApiOkResponse({ schema: schemaRef('BankHashList') })
  async hashes(@Param('bank') bank: string, @Query() query: unknown) {
    const q = parseWith(BankHashListQuery, query, requestInvalid);
    return { hashes: await this.banks.hashes(bank, q) };
  }

  @Post('banks/:bank/hashes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add PDQ hashes to a pdq bank (hashes it holds stay unchanged)' })
  @ApiBody({ schema: schemaRef('AddHashesRequest') })
  @ApiOkResponse({ schema: schemaRef('ImportReport') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'REQUEST_INVALID, BANK_SIGNAL_MISMATCH' })
  add(@Param('bank') bank: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const { hashes } = parseWith(AddHashesRequest, body, requestInvalid);
    return this.banks.addHashes(bank, hashes, moderatorActor(req));
  }

  @Post('banks/:bank/import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a file: a hash list or CSV (pdq banks) or one vPDQ feature file (vpdq banks)',
  })
  @ApiBody({ schema: schemaRef('ImportBankFileRequest') })
  @ApiOkResponse({ schema: schemaRef('ImportReport') })
  @ApiResponse({ status: 400, type: ApiErrorDto, description: 'BANK_FILE_INVALID' })
  import(@Param('bank') bank: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const input = parseWith(ImportBankFileRequest, body, requestInvalid);
    return this.banks.importFile(bank, input.content, {
      fileName: input.file_name,
      externalId: input.external_id,
      actor: moderatorActor(req),
    });
  }

  @Post('banks/:bank/hashes/remove')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove entries by hash_id or by hash' })
  @ApiBody({ schema: schemaRef('RemoveHashesRequest') })
  @ApiOkResponse({ schema: { type: 'object', properties: { removed: { type: 'integer' } } } })
  async remove(@Param('bank') bank: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const input = parseWith(RemoveHashesRequest, body, requestInvalid);
    const removed = await this.banks.removeHashes(
      bank,
      { hashIds: input.hash_ids, hashes: input.hashes },
      moderatorActor(req),
    );
    return { removed };
  }

  @Patch('bank-hashes/:hash')
  @ApiOperation({ summary: 'Enable or disable one entry (its bank is unchanged)' })
  @ApiBody({ schema: schemaRef('UpdateBankHashRequest') })
  @ApiOkResponse({ description: 'updated' })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'BANK_HASH_NOT_FOUND' })
  async updateHash(@Param('hash') hashId: string, @Body() body: unknown, @Req() req: ModeratorRequest) {
    const { enabled } = parseWith(UpdateBankHashRequest, body, requestInvalid);
    await this.banks.setHashEnabled(hashId, enabled, moderatorActor(req));
    return { hash_id: hashId, enabled };
  }
}

/** Confirming or rejecting a post's hash match from the item view (moderators of the task's queue). */
@ApiTags('review')
@ApiCookieAuth()
@ApiResponse({ status: 401, type: ApiErrorDto })
@ApiResponse({ status: 403, type: ApiErrorDto, description: 'AUTH_ROLE_FORBIDDEN, AUTH_QUEUE_FORBIDDEN' })
@UseGuards(ModeratorGuard)
@Controller('review')
export class HashMatchReviewController {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    private readonly banks: HashBankStore,
    private readonly queues: QueueStore,
  ) {}

  @Post('queues/:queue/tasks/:task/hash-matches/:hash/review')
  @HttpCode(200)
  @RequireRole('moderator')
  @ApiOperation({
    summary: "Confirm or reject a hash match of the task's post",
    description:
      "reject disables the bank entry (it stops matching; its bank stays enabled) when the bank is owned by the post's tenant; " +
      'for a shared bank or one another tenant owns it is recorded and counted, the entry stays enabled. confirm marks it confirmed. ' +
      'Either is recorded with the post and in the audit log.',
  })
  @ApiBody({ schema: schemaRef('HashMatchReviewRequest') })
  @ApiOkResponse({ schema: schemaRef('HashMatchReview') })
  @ApiResponse({ status: 404, type: ApiErrorDto, description: 'TASK_NOT_FOUND, HASH_MATCH_NOT_FOUND' })
  async review(
    @Param('queue') queueId: string,
    @Param('task') taskId: string,
    @Param('hash') hashId: string,
    @Body() body: unknown,
    @Req() req: ModeratorRequest,
  ) {
    const queue = await this.queues.forModerator(queueId, req.moderator);
    const task = z.uuid().safeParse(taskId).success
      ? await this.queues.task(this.db, queue, taskId, req.moderator.moderatorId)
      : undefined;
    if (!task) throw new ApiError(404, 'TASK_NOT_FOUND', `no task ${taskId} in queue ${queueId}`);
    const input = parseWith(HashMatchReviewRequest, body, requestInvalid);
    return this.banks.reviewMatch({
      tenantId: task.tenant_id,
      postId: task.post_id,
      revision: task.revision,
      hashId,
      decision: input.decision,
      note: input.note,
      moderatorId: req.moderator.moderatorId,
    });
  }
}
