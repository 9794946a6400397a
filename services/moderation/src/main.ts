import { bootService, parseConfig } from '@vigil/platform';
import { setupOpenApi } from './api/openapi';
import { envSchema } from './config';
import { ModerationModule } from './moderation.module';
import { loadPolicies } from './policies';

void bootService({
  service: 'moderation',
  setup: () => {
    const config = parseConfig(envSchema);
    return { module: ModerationModule.forRoot(config, loadPolicies(config)), port: config.HTTP_PORT };
  },
  configure: (app) => setupOpenApi(app),
});
