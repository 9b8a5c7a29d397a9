import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@/api'
import type { ReferenceItem, Region } from '@/api/types'
import { currentLocale } from '@/i18n'

const Lists = ['domains', 'modalities', 'task-types', 'security-levels', 'openness', 'skill-levels'] as const
export type ReferenceList = (typeof Lists)[number] | 'provinces'

/** The reference lists (domains, modalities, ...) with their Chinese and English names, read once. */
export const useReference = defineStore('reference', () => {
  const lists = ref<Record<string, ReferenceItem[]>>({})
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= Promise.all([
      ...Lists.map(async (list) => {
        lists.value[list] = await api.get<ReferenceItem[]>(`/reference/${list}`)
      }),
      (async () => {
        lists.value.provinces = await api.get<Region[]>('/reference/regions', { level: 'province' })
      })(),
    ]).then(() => undefined).catch((e) => {
      loading = null
      throw e
    })
    return loading
  }

  function items(list: ReferenceList): ReferenceItem[] {
    return lists.value[list] ?? []
  }

  function name(list: ReferenceList, code: string | null | undefined): string {
    if (!code) return '—'
    const item = items(list).find((i) => i.code === code)
    if (!item) return code
    return currentLocale() === 'en' ? item.nameEn : item.nameZh
  }

  return { load, items, name }
})
