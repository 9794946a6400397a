import { z } from 'zod';
import { requestSchemas, responseSchemas } from '../http/openapi-registry';
import { MODERATOR_ROLES } from './moderators';

/**
 * Request and response shapes of sessions and moderator accounts, defined once in zod and registered for
 * the OpenAPI document (see http/openapi-registry.ts).
 */
const time = () => z.string().meta({ format: 'date-time' });
const Role = z.enum(MODERATOR_ROLES);

export const LoginRequest = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
});
requestSchemas.add(LoginRequest, { id: 'LoginRequest' });

export const CreateModeratorRequest = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,127}$/),
    display_name: z.string().max(120).optional(),
    role: Role,
    password: z.string().min(12).max(256),
    queues: z.array(z.string().max(64)).max(100).optional(),
  })
  .strict();
requestSchemas.add(CreateModeratorRequest, { id: 'CreateModeratorRequest' });

export const UpdateModeratorRequest = z
  .object({
    display_name: z.string().max(120).optional(),
    role: Role.optional(),
    queues: z.array(z.string().max(64)).max(100).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12).max(256).optional(),
  })
  .strict();
requestSchemas.add(UpdateModeratorRequest, { id: 'UpdateModeratorRequest' });

export const Me = z.object({
  moderator_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: Role,
  queues: z.array(z.string()),
});
responseSchemas.add(Me, { id: 'Me' });

export const Moderator = z.object({
  moderator_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: Role,
  queues: z.array(z.string()),
  disabled: z.boolean(),
  created_at: time(),
});
responseSchemas.add(Moderator, { id: 'Moderator' });

export const ModeratorList = z.object({ moderators: z.array(Moderator) });
responseSchemas.add(ModeratorList, { id: 'ModeratorList' });
