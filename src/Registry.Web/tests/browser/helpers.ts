import { expect, type APIRequestContext, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { fileURLToPath } from 'node:url'

export const screenshots = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url))

export const DemoPassword = 'Demo2026registry'

// Every page the portal opens must leave no error in the console.
export function watchConsole(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`) })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  expect(serious, serious.join('\n')).toEqual([])
}

/** Signs in through the server's own sign-in page from the page the browser is on, and waits to be back. */
export async function signIn(page: Page, username: string) {
  await page.locator('[data-test=sign-in]').click()
  await expect(page).toHaveURL(/\/account\/signin/)
  await page.getByLabel('用户名 Username').fill(username)
  await page.getByLabel('密码 Password').fill(DemoPassword)
  await page.getByRole('button', { name: '登录 Sign in' }).click()
  await expect(page.locator('[data-test=who]')).toBeVisible()
}

/** A token of a demo API client (client credentials; every demo client's secret is `demo-secret-` + its name). */
export async function clientToken(request: APIRequestContext, client: string): Promise<string> {
  const response = await request.post('/connect/token', {
    form: { grant_type: 'client_credentials', client_id: client, client_secret: `demo-secret-${client.replace(/^demo-/, '')}`, scope: 'registry.api' },
  })
  expect(response.ok()).toBe(true)
  return ((await response.json()) as { access_token: string }).access_token
}

export async function apiGet<T>(request: APIRequestContext, token: string | null, path: string): Promise<T> {
  const response = await request.get(`/api/v1${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true)
  return (await response.json()) as T
}

/** Waits until the statistics projection has applied every event, so the page and the test read the same figures. */
export async function statisticsCaughtUp(request: APIRequestContext) {
  const admin = await clientToken(request, 'demo-admin')
  await expect.poll(async () => (await apiGet<{ name: string; behind: number }[]>(request, admin, '/admin/projections'))
    .find((p) => p.name === 'region-activity')?.behind, { timeout: 30_000 }).toBe(0)
}
