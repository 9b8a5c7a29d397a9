import { describe, expect, it } from 'vitest'
import { breakdownBy, levelOf, pathTo, refreshSeconds, trendOf, within } from '@/dashboard'

describe('region levels', () => {
  it('tell the nation, a province and a city apart', () => {
    expect(['000000', '510000', '510100', '110100'].map(levelOf)).toEqual(['nation', 'province', 'city', 'city'])
  })
  it('nest as jurisdictions do', () => {
    expect(within('510100', '000000')).toBe(true)
    expect(within('510100', '510000')).toBe(true)
    expect(within('340100', '510000')).toBe(false)
    expect(within('000000', '510000')).toBe(false)
    expect(within('510300', '510100')).toBe(false)
    expect(within('51', '000000')).toBe(false)
  })
  it('give the breadcrumb from the root down, never above the root', () => {
    expect(pathTo('510100', '000000')).toEqual(['000000', '510000', '510100'])
    expect(pathTo('510000', '000000')).toEqual(['000000', '510000'])
    expect(pathTo('000000', '000000')).toEqual(['000000'])
    expect(pathTo('510100', '510000')).toEqual(['510000', '510100'])
    expect(pathTo('000000', '510000')).toEqual(['510000'])
    expect(pathTo('340100', '510000')).toEqual(['510000'])
  })
  it('break the nation down by province and a province or city by city', () => {
    expect([breakdownBy('000000'), breakdownBy('510000'), breakdownBy('510100')]).toEqual(['province', 'city', 'city'])
  })
})

describe('a trend', () => {
  it('compares the last month with the one before', () => {
    const months = (a: number, b: number) => [{ month: '2026-10', value: 9 }, { month: '2026-11', value: a }, { month: '2026-12', value: b }]
    expect(trendOf(months(3, 5))).toEqual({ current: 5, previous: 3, direction: 'up' })
    expect(trendOf(months(5, 3))?.direction).toBe('down')
    expect(trendOf(months(4, 4))?.direction).toBe('flat')
  })
  it('needs two months', () => {
    expect(trendOf([{ month: '2026-12', value: 1 }])).toBeNull()
    expect(trendOf(undefined)).toBeNull()
  })
})

describe('the wall refresh', () => {
  it('takes 10 to 3600 seconds from the address and a minute otherwise', () => {
    expect([refreshSeconds('30'), refreshSeconds(undefined), refreshSeconds('2'), refreshSeconds('abc'), refreshSeconds('1.5')]).toEqual([30, 60, 60, 60, 60])
  })
})
