import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The API host serves the build from its `portal` folder; `npm run dev` proxies the host's addresses to a running host.
const host = process.env.REGISTRY_API ?? 'http://localhost:5080'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../Registry.Api/portal', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/connect', '/account', '/.well-known'].map((p) => [p, { target: host, changeOrigin: false }])),
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
})
