import { test, expect, type APIRequestContext, type Page } from '@playwright/test'
import { apiGet, clientToken, expectAccessible, screenshots, signIn, statisticsCaughtUp, watchConsole } from './helpers'
import { formatAmount, formatDateTime, formatNumber, type Locale } from '../../src/format'
import type { StatisticsOverview } from '../../src/api/types'

// The headline figures of the dashboard and where the overview answer holds each.
const Headlines: { key: string; amount?: boolean; value: (o: StatisticsOverview) => number }[] = [
  { key: 'demandsPublished', value: (o) => o.demands.published },
  { key: 'budgetPublished', amount: true, value: (o) => o.demands.budget },
  { key: 'demandsAwarded', value: (o) => o.demands.awarded },
  { key: 'awardedValue', amount: true, value: (o) => o.demands.awardedValue },
  { key: 'enterprisesRegistered', value: (o) => o.enterprises.registered },
  { key: 'contractsCompleted', value: (o) => o.contracts.completed },
  { key: 'annotators', value: (o) => o.talent.annotators },
  { key: 'catalogEntries', value: (o) => o.catalogEntries },
]

/** The dashboard shows, for `region`, exactly the figures the statistics API answers the same regulator, formatted for the language. */
async function expectFiguresOf(page: Page, request: APIRequestContext, token: string, region: string, locale: Locale = 'zh-CN') {
  const overview = await apiGet<StatisticsOverview>(request, token, `/statistics/overview?region=${region}`)
  expect(overview.region).toBe(region)
  await expect(page.locator(`[data-test=dashboard][data-ready=true][data-region="${region}"]`)).toBeVisible()
  for (const h of Headlines) {
    const shown = page.locator(`[data-test=headline-${h.key}]`)
    const value = h.value(overview)
    await expect(shown).toHaveAttribute('data-value', String(value))
    await expect(shown.locator('.value')).toHaveText(h.amount ? formatAmount(value, locale) : formatNumber(value, locale))
  }
  await expect(page.locator('[data-test=as-of]').first()).toContainText(formatDateTime(overview.asOf.committedAt))
  return overview
}

function breadcrumb(page: Page) {
  return page.getByRole('navigation', { name: /地区层级|Region levels/ })
}

test('a national regulator signs in, sees the figures the statistics API gives, drills down to a province and a city, works an alert, and reads it in English', async ({ page, request }) => {
  const errors = watchConsole(page)
  await statisticsCaughtUp(request)
  const token = await clientToken(request, 'demo-nda')
  await page.goto('/')
  await expect(page.getByRole('link', { name: '动态监测' })).toHaveCount(0)
  await signIn(page, 'nda')
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '动态监测' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)

  await expectFiguresOf(page, request, token, '000000')
  await expect(breadcrumb(page).locator('[aria-current=page]')).toHaveText('全国')
  const regions = page.locator('[data-test=region-table]')
  await expect(regions).toContainText('安徽省')
  for (const panel of ['regions', 'byDomain', 'byModality', 'byBase', 'talent', 'market']) {
    await expect(page.locator(`[data-test=${panel}] [data-test=as-of]`)).toContainText('北京时间')
  }
  await expect(page.locator('[data-test=byDomain]')).toContainText('医疗健康')
  await expect(page.locator('[data-test=market]')).toContainText('政策目标增速')
  await expectAccessible(page)
  await page.screenshot({ path: screenshots + 'dashboard-zh.png', fullPage: true })

  // Province, then city; the breadcrumb leads back.
  await regions.getByRole('link', { name: '四川省' }).click()
  await expect(page).toHaveURL(/region=510000/)
  await expectFiguresOf(page, request, token, '510000')
  await expect(breadcrumb(page)).toHaveText(/全国\s*›?\s*四川省/)
  await expect(regions).not.toContainText('安徽省')
  await regions.getByRole('link', { name: '成都市' }).click()
  await expect(page).toHaveURL(/region=510100/)
  await expectFiguresOf(page, request, token, '510100')
  await expect(breadcrumb(page).locator('[aria-current=page]')).toHaveText('成都市')
  await expect(page.locator('[data-test=regions]')).toContainText('已到城市一级')
  await breadcrumb(page).getByRole('link', { name: '全国' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.locator('[data-test=dashboard][data-ready=true][data-region="000000"]')).toBeVisible()
  await expect(regions).toContainText('安徽省')

  // An alert taken up, then a refusal of the API (a resolution needs a note) shown as its message.
  const alerts = page.locator('[data-test=alert-table]')
  const first = alerts.locator('.el-table__row').filter({ has: page.getByRole('button', { name: '确认' }) }).first()
  const subject = (await first.locator('td').nth(4).innerText()).trim()
  await first.getByRole('button', { name: '确认' }).click()
  await page.getByLabel(/处理说明/).fill('已转交属地核查')
  await page.getByRole('button', { name: '提交' }).click()
  await expect(page.getByText('预警已确认')).toBeVisible()
  const taken = alerts.locator('.el-table__row').filter({ hasText: subject })
  await expect(taken.locator('[data-test=alert-status]')).toHaveText('处置中')
  await taken.getByRole('button', { name: '办结' }).click()
  await page.getByRole('button', { name: '提交' }).click()
  await expect(page.locator('[data-test=alert-refusal]')).toContainText(/note/i)
  await page.getByRole('button', { name: '取消' }).click()
  await expect(taken.locator('[data-test=alert-status]')).toHaveText('处置中')

  // Working the alert wrote an event, which moves asOf: the figures are read again once the projection has applied it.
  await statisticsCaughtUp(request)
  const reread = page.waitForResponse((r) => r.url().includes('/api/v1/statistics/overview'))
  await page.locator('[data-test=refresh]').click()
  await reread

  await page.locator('[data-test=locale]').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Industry monitoring · National')
  await expect(page.locator('[data-test=headline-demandsPublished]')).toContainText('Demands published')
  await expect(page.locator('[data-test=headlines]')).not.toContainText('发布需求')
  await expect(breadcrumb(page).locator('[aria-current=page]')).toHaveText('National')
  await expect(regions).toContainText('Sichuan')
  await expectFiguresOf(page, request, token, '000000', 'en')
  await expect(page.locator('[data-test=as-of]').first()).toContainText('China time')
  await page.screenshot({ path: screenshots + 'dashboard-en.png', fullPage: true })

  // The only console errors allowed are the browser's notes of the one refusal the test provoked.
  expect(errors.filter((e) => !/status of 400.*\/resolve$/.test(e))).toEqual([])
})

test('a provincial regulator sees only its province, cannot go up to the nation, and the wall mode refreshes by itself', async ({ page, request }) => {
  const errors = watchConsole(page)
  await page.clock.install()
  await statisticsCaughtUp(request)
  const token = await clientToken(request, 'demo-sichuan')
  await page.goto('/')
  await signIn(page, 'sichuan')
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '动态监测' }).click()

  await expectFiguresOf(page, request, token, '510000')
  await expect(breadcrumb(page)).toHaveText('四川省')
  await expect(breadcrumb(page).getByRole('link')).toHaveCount(0)
  const regions = page.locator('[data-test=region-table]')
  await expect(regions).toContainText('成都市')
  await expect(regions).not.toContainText('安徽省')
  // The alerts are those of the province's regions, as the API lists them to this regulator.
  const listed = await apiGet<{ items: { regionCode: string }[] }>(request, token, '/alerts?pageSize=10')
  expect(listed.items.length).toBeGreaterThan(0)
  expect(listed.items.every((a) => a.regionCode.startsWith('51'))).toBe(true)
  const alertRegions = page.locator('[data-test=alert-table] .el-table__body tr td:nth-child(4)')
  await expect(alertRegions).toHaveCount(listed.items.length)
  expect((await alertRegions.allInnerTexts()).every((c) => c.trim() === '成都市')).toBe(true)

  // An address naming the nation shows the province all the same.
  await page.goto('/dashboard?region=000000')
  await expectFiguresOf(page, request, token, '510000')
  await expect(breadcrumb(page)).toHaveText('四川省')
  await regions.getByRole('link', { name: '成都市' }).click()
  await expect(page.locator('[data-test=dashboard][data-ready=true][data-region="510100"]')).toBeVisible()
  await expect(breadcrumb(page)).toHaveText(/^\s*四川省\s*成都市\s*$/)
  await breadcrumb(page).getByRole('link', { name: '四川省' }).click()
  await expect(page.locator('[data-test=dashboard][data-ready=true][data-region="510000"]')).toBeVisible()

  await page.locator('[data-test=wall]').click()
  await expect(page).toHaveURL(/wall=1/)
  await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0)
  await expect(page.locator('[data-test=wall-status]')).toContainText('每 60 秒自动刷新')
  await expect(page.locator('[data-test=alert-table]').getByRole('button')).toHaveCount(0)
  await expectAccessible(page)
  const refreshed = page.waitForResponse((r) => r.url().includes('/api/v1/statistics/overview?region=510000'))
  await page.clock.runFor(61_000)
  expect((await refreshed).ok()).toBe(true)
  await expect(page.locator('[data-test=headline-demandsPublished]')).toBeVisible()
  await page.locator('[data-test=leave-wall]').click()
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
  expect(errors).toEqual([])
})
