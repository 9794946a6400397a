import './threadpool';
import { bootService, parseConfig } from '@vigil/platform';
import { checkAvBinaries } from './av-binaries';
import { envSchema } from './config';
import { IngestModule } from './ingest.module';

void bootService({
  service: 'ingest',
  setup: async () => {
    const config = parseConfig(envSchema);
    await checkAvBinaries(config);
    return { module: IngestModule.forRoot(config), port: config.HTTP_PORT, host: config.HTTP_HOST };
  },
});
