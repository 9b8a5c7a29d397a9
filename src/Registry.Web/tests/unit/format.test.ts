import { describe, expect, it } from 'vitest'
import { chinaYear, formatAmount, formatDate, formatDateTime, formatNumber, formatPercent } from '@/format'

describe('numbers in Chinese use 万 and 亿 for large amounts', () => {
  it('keeps numbers below ten thousand as they are', () => {
    expect(formatNumber(9999, 'zh-CN')).toBe('9,999')
  })
  it('writes ten thousand and more in 万', () => {
    expect(formatNumber(10000, 'zh-CN')).toBe('1万')
    expect(formatNumber(380000, 'zh-CN')).toBe('38万')
    expect(formatNumber(12345, 'zh-CN')).toBe('1.23万')
  })
  it('writes a hundred million and more in 亿', () => {
    expect(formatNumber(100000000, 'zh-CN')).toBe('1亿')
    expect(formatNumber(256000000, 'zh-CN')).toBe('2.56亿')
  })
  it('writes amounts of yuan with 元', () => {
    expect(formatAmount(380000, 'zh-CN')).toBe('38万元')
    expect(formatAmount(1.5e9, 'zh-CN')).toBe('15亿元')
    expect(formatAmount(800, 'zh-CN')).toBe('800元')
  })
})

describe('numbers in English are grouped digits', () => {
  it('never uses 万 or 亿', () => {
    expect(formatNumber(380000, 'en')).toBe('380,000')
    expect(formatNumber(256000000, 'en')).toBe('256,000,000')
  })
  it('writes amounts in yuan', () => {
    expect(formatAmount(380000, 'en')).toBe('CN¥380,000')
  })
  it('writes shares as percentages', () => {
    expect(formatPercent(0.955, 'en')).toBe('95.5%')
  })
})

describe('missing figures show a dash', () => {
  it('for null, undefined and NaN', () => {
    expect(formatNumber(null, 'zh-CN')).toBe('—')
    expect(formatAmount(undefined, 'en')).toBe('—')
    expect(formatPercent(Number.NaN, 'en')).toBe('—')
  })
})

describe('times are shown in China time whatever the reader\'s time zone', () => {
  it('moves a UTC instant eight hours ahead', () => {
    expect(formatDateTime('2026-12-11T23:29:47.0247295+00:00')).toBe('2026-12-12 07:29')
  })
  it('reads an instant written with another offset', () => {
    expect(formatDateTime('2026-12-01T09:00:00-05:00')).toBe('2026-12-01 22:00')
  })
  it('gives the China date of an instant, which can be the next day', () => {
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01')
  })
  it('leaves a date without a time as it is', () => {
    expect(formatDate('2027-01-30')).toBe('2027-01-30')
  })
  it('puts New Year in China before New Year in UTC', () => {
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026)
  })
  it('shows a dash for a missing or unreadable time', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('not a time')).toBe('—')
  })
})
