import './threadpool';
import { bootService, parseConfig } from '@vigil/platform';
import { envSchema } from './config';
import { IngestModule } from './ingest.module';

void bootService({
  service: 'ingest',
  setup: () => {
    const config = parseConfig(envSchema);
    return { module: IngestModule.forRoot(config), port: config.HTTP_PORT };
  },
});
