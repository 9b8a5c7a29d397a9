import { test } from '@playwright/test'
import { signIn, statisticsCaughtUp } from '../browser/helpers'

// Measures, asserts nothing: how long the dashboard takes from navigation to its figures on screen, with the demo data.
// Run: npx playwright test -c playwright.timing.config.ts (docs/performance.md records the figures).
const Runs = Number(process.env.REGISTRY_TIMING_RUNS ?? 10)

function summary(name: string, ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
  return `${name}: n=${ms.length} median=${Math.round(at(0.5))} ms p95=${Math.round(at(0.95))} ms max=${Math.round(sorted[sorted.length - 1])} ms`
}

test('the dashboard first page, from navigation to the headline figures', async ({ page, request }) => {
  test.setTimeout(10 * 60_000)
  await statisticsCaughtUp(request)
  await page.goto('/')
  await signIn(page, 'nda')
  const ready = page.locator('[data-test=dashboard][data-ready=true] [data-test=headline-demandsPublished]')
  // Every panel: the last to come are the alert list and the market chart.
  const whole = [page.locator('[data-test=alert-table] .el-table__row').first(), page.locator('[data-test=market] canvas'), page.locator('[data-test=byBase] .el-table__row').first()]
  const complete = async () => { for (const l of whole) await l.waitFor() }
  const nav = page.getByRole('navigation', { name: '主导航' })

  // Opened from the menu: the page's code is loaded, the figures are not.
  const inApp: number[] = []
  const inAppWhole: number[] = []
  for (let i = 0; i < Runs; i++) {
    await nav.getByRole('link', { name: '首页' }).click()
    await page.locator('[data-test=figures]').waitFor()
    const started = performance.now()
    await nav.getByRole('link', { name: '动态监测' }).click()
    await ready.waitFor()
    inApp.push(performance.now() - started)
    await complete()
    inAppWhole.push(performance.now() - started)
  }

  // Opened by its address (a bookmark, a reload): the page, its scripts from the browser cache, the silent sign-in, then the figures.
  const byAddress: number[] = []
  const byAddressWhole: number[] = []
  for (let i = 0; i < Runs; i++) {
    const started = performance.now()
    await page.goto('/dashboard')
    await ready.waitFor()
    byAddress.push(performance.now() - started)
    await complete()
    byAddressWhole.push(performance.now() - started)
  }

  const lines = [
    summary('from the menu, headline figures', inApp), summary('from the menu, every panel', inAppWhole),
    summary('by address (reload, silent sign-in), headline figures', byAddress), summary('by address, every panel', byAddressWhole),
  ]
  console.log(lines.join('\n'))
  test.info().annotations.push(...lines.map((description) => ({ type: 'timing', description })))
})
