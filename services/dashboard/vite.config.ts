import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard is served by the moderation service at /dashboard/ (same origin as the review API, so
 * the session cookie is SameSite=Strict and no CORS is needed). `npm run dev -w @vigil/dashboard`
 * proxies the API to a moderation service on 127.0.0.1:3002.
 */
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: { outDir: 'dist', target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      '/review': 'http://127.0.0.1:3002',
      '/docs': 'http://127.0.0.1:3002',
    },
  },
});
