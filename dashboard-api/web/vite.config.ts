import { defineConfig, type PluginOption } from 'vite';

// The app is served by dashboard-api from its wwwroot/ (static files with a fallback to index.html),
// so the build writes there. `npm run dev` serves the sources on :5173; with PC_DASHBOARD_URL set it
// proxies /api to a running dashboard-api, otherwise it answers /api from the fixtures in dev/ (never
// part of the build output).
export default defineConfig(async ({ command }) => {
  const plugins: PluginOption[] = [];
  const backend = process.env.PC_DASHBOARD_URL;
  if (command === 'serve' && !backend) {
    // `vite` and `vite preview` both run as 'serve'; `vite build` never loads the stand-in.
    const { devMock } = await import('./dev/mock.mjs');
    plugins.push(devMock());
  }
  return {
    plugins,
    build: {
      outDir: '../wwwroot',
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 800,
    },
    server: {
      port: 5173,
      strictPort: true,
      proxy: backend ? { '/api': { target: backend, changeOrigin: false } } : undefined,
    },
  };
});
