import { defineConfig } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A real host (Development, so the demo data is seeded) on a loopback port, over a throwaway SQLite database, serving the built portal.
const port = Number(process.env.REGISTRY_WEB_TEST_PORT ?? 20000 + Math.floor(Math.random() * 20000))
process.env.REGISTRY_WEB_TEST_PORT = String(port)
const origin = `http://127.0.0.1:${port}`
const dataFolder = process.env.REGISTRY_WEB_TEST_DATA ?? mkdtempSync(join(tmpdir(), 'registry-web-'))
process.env.REGISTRY_WEB_TEST_DATA = dataFolder

export default defineConfig({
  testDir: 'tests/browser',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    baseURL: origin,
    locale: 'zh-CN',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] },
  },
  webServer: {
    command: `dotnet run --no-build --no-launch-profile --project ../Registry.Api --urls ${origin}`,
    url: `${origin}/health/ready`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ASPNETCORE_ENVIRONMENT: 'Development',
      Database__DataFolder: dataFolder,
      Identity__PortalRedirectUris__0: `${origin}/callback`,
      Jobs__Enabled: 'false',
      Logging__LogLevel__Default: 'Warning',
    },
  },
})
