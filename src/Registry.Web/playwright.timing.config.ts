import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// The dashboard's render timing (tests/timing): the same host and browser as the browser tests, run only when asked for.
export default defineConfig({ ...base, testDir: 'tests/timing', testMatch: '**/*.timing.ts', reporter: [['list']] })
