import { test, expect } from '@playwright/test'
import { apiGet, expectAccessible, screenshots, statisticsCaughtUp, watchConsole } from './helpers'
import { formatAmount } from '../../src/format'
import type { AwardsOfYear } from '../../src/api/types'

test('the home page shows the headline figures and the latest demands in Chinese, then in English after the switch', async ({ page, request }) => {
  const errors = watchConsole(page)
  await statisticsCaughtUp(request)
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全国数据标注公共服务平台')
  const figures = page.locator('[data-test=figures]')
  await expect(figures).toContainText('认证标注企业')
  await expect(figures).toContainText('数据标注基地')
  await expect(figures).toContainText('正在征集的需求')
  // The award value of this year is the public statistics answer, formatted in 万/亿.
  const awards = await apiGet<AwardsOfYear>(request, null, '/statistics/awards')
  const award = page.locator('[data-test=award-value]')
  await expect(award).toContainText('授标金额（本年）')
  await expect(award).toHaveAttribute('data-value', String(awards.awardedValue))
  await expect(award).toContainText(formatAmount(awards.awardedValue, 'zh-CN'))
  await expect(page.getByRole('link', { name: '成都市医学影像病灶拉框标注' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expectAccessible(page)
  await page.screenshot({ path: screenshots + 'home-zh.png', fullPage: true })

  // The keyboard reaches the skip link first, and it moves to the main content.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeFocused()

  await page.getByRole('button', { name: 'Switch to Chinese' }).or(page.locator('[data-test=locale]')).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('National Data Labeling Public Service Platform')
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Enterprises' })).toBeVisible()
  await expect(figures).toContainText('Certified enterprises')
  await expect(award).toContainText('Award value (this year)')
  await expect(award).toContainText(formatAmount(awards.awardedValue, 'en'))
  await expect(figures).not.toContainText('认证标注企业')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expectAccessible(page)
  await page.screenshot({ path: screenshots + 'home-en.png', fullPage: true })
  expect(errors).toEqual([])
})

test('the public catalog search finds 数字病理切片标注数据集 for 病理, with facets', async ({ page }) => {
  const errors = watchConsole(page)
  await page.goto('/catalog')
  await page.getByLabel('关键词').fill('病理')
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page).toHaveURL(/q=%E7%97%85%E7%90%86/)
  const results = page.locator('[data-test=catalog-results]')
  await expect(results.getByRole('link', { name: /数字病理切片标注数据集/ }).first()).toBeVisible()
  await expect(page.getByRole('complementary')).toContainText('医疗')
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test('the directory, a demand, an enterprise profile and the bases open without signing in', async ({ page }) => {
  const errors = watchConsole(page)
  await page.goto('/enterprises?sort=quality')
  const first = page.locator('.el-table a').first()
  await expect(first).toBeVisible()
  await expectAccessible(page)
  await first.click()
  await expect(page.locator('[data-test=certificate]')).toContainText('证书编号')
  await expect(page.locator('[data-test=quality]')).toContainText('验收通过次数')
  await expectAccessible(page)

  await page.goto('/demands?status=awarded')
  await page.locator('.el-table a').first().click()
  await expect(page.locator('[data-test=demand-status]')).toHaveText('已授标')
  await expect(page.locator('[data-test=demand-result]')).toContainText('已授标，合同已签订')
  await expect(page.getByText('北京时间').first()).toBeVisible()
  await expectAccessible(page)

  await page.goto('/bases')
  await expect(page.getByRole('link', { name: '保定数据标注基地' })).toBeVisible()
  await expectAccessible(page)
  expect(errors).toEqual([])
})

test('a person signs in through the real sign-in page, sees the menus of the role, and signs out', async ({ page }) => {
  const errors = watchConsole(page)
  await page.goto('/demands')
  await expect(page.getByRole('link', { name: '我的需求' })).toHaveCount(0)
  await page.locator('[data-test=sign-in]').click()
  await expect(page).toHaveURL(/\/account\/signin/)
  await page.getByLabel('用户名 Username').fill('cd.health')
  await page.getByLabel('密码 Password').fill('Demo2026registry')
  await page.getByRole('button', { name: '登录 Sign in' }).click()

  await expect(page).toHaveURL(/\/demands$/)
  await expect(page.locator('[data-test=who]')).toContainText('成都市卫生健康委员会')
  await expect(page.locator('[data-test=who]')).toContainText('政府部门')

  // A reload loses the in-memory tokens; the server's sign-in session signs the page in again without a form (prompt=none).
  await page.reload()
  await expect(page.locator('[data-test=who]')).toContainText('成都市卫生健康委员会')
  await expect(page).toHaveURL(/\/demands$/)
  const nav = page.getByRole('navigation', { name: '主导航' })
  await expect(nav.getByRole('link', { name: '我的需求' })).toBeVisible()
  await expect(nav.getByRole('link', { name: '我的投标' })).toHaveCount(0)
  await nav.getByRole('link', { name: '我的需求' }).click()
  await expect(page.locator('.el-table')).toContainText('成都市医学影像病灶拉框标注')
  await expectAccessible(page)

  await page.locator('[data-test=sign-out]').click()
  await page.getByRole('button', { name: '退出 Sign out' }).click()
  await expect(page.locator('[data-test=sign-in]')).toBeVisible()
  await expect(nav.getByRole('link', { name: '我的需求' })).toHaveCount(0)
  expect(errors).toEqual([])
})
