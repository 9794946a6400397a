import { Logger } from '@nestjs/common';
import { bootService, parseConfig } from '@vigil/platform';
import { setupBodyLimits } from './http/body-limits';
import { setupOpenApi } from './http/openapi';
import { setupTrustProxy } from './http/trust-proxy';
import { envSchema, type ModerationConfig } from './config';
import { defaultDashboardDir, serveDashboard } from './dashboard-assets';
import { ModerationModule } from './moderation.module';
import { loadPolicies } from './policies';

let config: ModerationConfig;

void bootService({
  service: 'moderation',
  setup: () => {
    config = parseConfig(envSchema);
    return {
      module: ModerationModule.forRoot(config, loadPolicies(config)),
      port: config.HTTP_PORT,
      host: config.HTTP_HOST,
    };
  },
  configure: (app) => {
    setupBodyLimits(app);
    setupTrustProxy(app, config.HTTP_TRUST_PROXY);
    setupOpenApi(app);
    if (config.MODERATION_ROLES.includes('api')) {
      const dir = config.DASHBOARD_DIR || defaultDashboardDir();
      if (!serveDashboard(app, dir))
        new Logger('Dashboard').warn(`no dashboard build in ${dir}; /dashboard is off`);
    }
  },
});
