import { bootService, ConfigError, parseConfig } from '@vigil/platform';
import { probeModelOf } from './classifier-runtime';
import { ClassifierModule } from './classifier.module';
import { envSchema } from './config';
import { ExecutionProviderError, resolveExecutionProvider } from './execution-provider';

void bootService({
  service: 'classifier',
  // The execution provider is settled before anything starts: `cuda` on a host where it cannot load
  // stops the process here (status 78) with onnxruntime's reason.
  setup: async () => {
    const config = parseConfig(envSchema);
    let provider;
    try {
      provider = await resolveExecutionProvider(
        config.VIGIL_EXECUTION_PROVIDER,
        probeModelOf(config.VIGIL_BUNDLE_DIR),
      );
    } catch (error) {
      if (!(error instanceof ExecutionProviderError)) throw error;
      throw new ConfigError([{ variable: 'VIGIL_EXECUTION_PROVIDER', message: error.message }]);
    }
    return {
      module: ClassifierModule.forRoot(config, provider),
      port: config.HTTP_PORT,
      host: config.HTTP_HOST,
    };
  },
});
