// The rules of the dashboard that need no page: region levels for the drill-down, trends of a monthly series.

export const Nation = '000000'

export type RegionLevel = 'nation' | 'province' | 'city'

/** GB/T 2260: 000000 the nation, xx0000 a province, anything else a city (or a unit at city level). */
export function levelOf(code: string): RegionLevel {
  if (code === Nation) return 'nation'
  return code.endsWith('0000') ? 'province' : 'city'
}

/** Whether `code` lies within `root` (the root itself included), as the API's jurisdictions nest. */
export function within(code: string, root: string): boolean {
  if (!/^\d{6}$/.test(code)) return false
  switch (levelOf(root)) {
    case 'nation': return true
    case 'province': return code.slice(0, 2) === root.slice(0, 2)
    default: return code === root
  }
}

/** The regions from `root` down to `code`, for the breadcrumb: a provincial regulator's path starts at its province. */
export function pathTo(code: string, root: string): string[] {
  if (!within(code, root)) return [root]
  const chain = [Nation, code.slice(0, 2) + '0000', code].filter((c, i, all) => all.indexOf(c) === i)
  return chain.slice(chain.indexOf(root))
}

/** What a region's breakdown lists: the provinces of the nation, the cities of a province; a city is the last level. */
export function breakdownBy(code: string): 'province' | 'city' {
  return levelOf(code) === 'nation' ? 'province' : 'city'
}

export type Direction = 'up' | 'down' | 'flat'

export interface Trend { current: number; previous: number; direction: Direction }

/** This month against the month before, from a series whose last point is the current month; null without two months. */
export function trendOf(points: { month: string; value: number }[] | undefined): Trend | null {
  if (!points || points.length < 2) return null
  const current = points[points.length - 1].value
  const previous = points[points.length - 2].value
  return { current, previous, direction: current > previous ? 'up' : current < previous ? 'down' : 'flat' }
}

/** Seconds between refreshes in wall mode: the address may ask for 10 to 3600, otherwise a minute. */
export function refreshSeconds(value: unknown): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 10 && n <= 3600 ? n : 60
}
