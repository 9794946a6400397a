import { TenantId } from '@vigil/contracts';
import { z } from 'zod';
import { requestSchemas, responseSchemas } from '../http/openapi-registry';
import { SIGNAL_TYPES } from './bank-types';

/**
 * Request and response shapes of the hash-bank admin API and the match review, registered in the review
 * API's registries (so they appear in the OpenAPI document and the dashboard's generated client).
 */
const time = () => z.string().meta({ format: 'date-time' });
const BankName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/);
const BankAction = z.string().regex(/^[a-z_]{1,32}$/);
const Hex = z.string().regex(/^[0-9a-fA-F]{64}$/);
const HashId = z.string().regex(/^\d{1,18}$/);

export const CreateBankRequest = z
  .object({
    name: BankName,
    signal_type: z.enum(SIGNAL_TYPES),
    /** What a match asks policy for: `remove`, `review`, … (policy `hash_match.bank_actions`). */
    action: BankAction,
    source: z.string().max(200).optional(),
    description: z.string().max(1000).optional(),
    enabled: z.boolean().optional(),
    /**
     * The tenant that owns the bank: its moderators' rejected matches disable entries. Absent: a shared
     * bank, whose entries only an admin disables (a rejected match is recorded and counted).
     */
    owner_tenant: TenantId.optional(),
  })
  .strict();
requestSchemas.add(CreateBankRequest, { id: 'CreateBankRequest' });

export const UpdateBankRequest = z
  .object({
    enabled: z.boolean().optional(),
    action: BankAction.optional(),
    source: z.string().max(200).optional(),
    description: z.string().max(1000).nullable().optional(),
  })
  .strict();
requestSchemas.add(UpdateBankRequest, { id: 'UpdateBankRequest' });

export const AddHashesRequest = z
  .object({
    hashes: z
      .array(
        z
          .object({
            hash: Hex,
            quality: z.int().min(0).max(100).optional(),
            /** The list's own id for this hash. */
            external_id: z.string().max(200).optional(),
            metadata: z.record(z.string(), z.unknown()).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
  })
  .strict();
requestSchemas.add(AddHashesRequest, { id: 'AddHashesRequest' });

export const ImportBankFileRequest = z
  .object({
    /** The file's text: a hash list or CSV (pdq banks), or one vPDQ feature file (vpdq banks). */
    content: z.string().min(1).max(4_000_000),
    file_name: z.string().max(200).optional(),
    /** vpdq: the entry's id (default: the file name without extension). */
    external_id: z.string().max(200).optional(),
  })
  .strict();
requestSchemas.add(ImportBankFileRequest, { id: 'ImportBankFileRequest' });

export const RemoveHashesRequest = z
  .object({ hash_ids: z.array(HashId).max(10_000).optional(), hashes: z.array(Hex).max(10_000).optional() })
  .strict();
requestSchemas.add(RemoveHashesRequest, { id: 'RemoveHashesRequest' });

export const UpdateBankHashRequest = z.object({ enabled: z.boolean() }).strict();
requestSchemas.add(UpdateBankHashRequest, { id: 'UpdateBankHashRequest' });

export const BankHashListQuery = z.object({
  after: HashId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const HashMatchReviewRequest = z
  .object({ decision: z.enum(['confirm', 'reject']), note: z.string().max(2000).optional() })
  .strict()
  .meta({
    description:
      'confirm: the match is right; reject: the bank hash is wrong and is disabled (its bank stays enabled)',
  });
requestSchemas.add(HashMatchReviewRequest, { id: 'HashMatchReviewRequest' });

export const HashBank = z.object({
  bank_id: z.string(),
  name: z.string(),
  source: z.string(),
  signal_type: z.enum(SIGNAL_TYPES),
  action: z.string(),
  enabled: z.boolean(),
  description: z.string().nullable(),
  owner_tenant: z.string().nullable(),
  created_at: time(),
  created_by: z.string(),
  updated_at: time(),
  active_hashes: z.int(),
  disabled_hashes: z.int(),
});
responseSchemas.add(HashBank, { id: 'HashBank' });

export const HashBankList = z.object({ banks: z.array(HashBank) });
responseSchemas.add(HashBankList, { id: 'HashBankList' });

const MatchState = z.enum(['unreviewed', 'confirmed', 'rejected']);

export const BankHash = z.object({
  hash_id: z.string(),
  hash: z.string().nullable(),
  frames: z.int().nullable(),
  quality: z.int().nullable(),
  external_id: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  added_at: time(),
  added_by: z.string(),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  removed_at: time().nullable(),
  match_state: MatchState,
  confirmed_matches: z.int(),
  rejected_matches: z.int(),
});
responseSchemas.add(BankHash, { id: 'BankHash' });

export const BankHashList = z.object({ hashes: z.array(BankHash) });
responseSchemas.add(BankHashList, { id: 'BankHashList' });

export const ImportReport = z.object({
  bank: z.string(),
  read: z.int(),
  added: z.int(),
  existing: z.int(),
  rejected: z.array(z.object({ line: z.int(), reason: z.string(), text: z.string() })),
});
responseSchemas.add(ImportReport, { id: 'ImportReport' });

export const HashMatchReview = z.object({
  hash_id: z.string(),
  media_id: z.string(),
  bank: z.string(),
  match_state: MatchState,
  enabled: z.boolean(),
});
responseSchemas.add(HashMatchReview, { id: 'HashMatchReview' });
