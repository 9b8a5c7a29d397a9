// Every date and time the portal shows is China time, whatever the reader's computer says.
export const ChinaTimeZone = 'Asia/Shanghai'

export type Locale = 'zh-CN' | 'en'

const WAN = 1e4
const YI = 1e8

function plain(value: number, locale: Locale, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value)
}

/** A count or quantity: in Chinese, 万 from ten thousand and 亿 from a hundred million; in English, grouped digits. */
export function formatNumber(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  if (locale === 'zh-CN') {
    const size = Math.abs(value)
    if (size >= YI) return plain(value / YI, locale) + '亿'
    if (size >= WAN) return plain(value / WAN, locale) + '万'
  }
  return plain(value, locale)
}

/** An amount of yuan: 38万元 / 1.2亿元 in Chinese, CN¥380,000 in English. */
export function formatAmount(yuan: number | null | undefined, locale: Locale): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '—'
  if (locale === 'zh-CN') return formatNumber(yuan, locale) + '元'
  return new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(yuan)
}

/** A share between 0 and 1 as a percentage. */
export function formatPercent(share: number | null | undefined, locale: Locale): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share)
}

function chinaParts(instant: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ChinaTimeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant)
  return Object.fromEntries(parts.map((p) => [p.type, p.value]))
}

/** An instant (ISO 8601 with offset) as the date and time in China: 2026-12-12 07:29. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return '—'
  const p = chinaParts(instant)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** The day an instant falls on in China; a date without a time (2027-01-30) is already a China date and is shown as it is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const instant = new Date(value)
  if (Number.isNaN(instant.getTime())) return '—'
  const p = chinaParts(instant)
  return `${p.year}-${p.month}-${p.day}`
}

/** The current year in China (the year a China date belongs to), for "this year" figures. */
export function chinaYear(now: Date = new Date()): number {
  return Number(chinaParts(now).year)
}
