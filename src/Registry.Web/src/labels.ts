import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useReference, type ReferenceList } from '@/reference'
import { formatAmount, formatNumber, formatPercent, type Locale } from '@/format'

/** What every page needs to label codes and format figures in the current language. */
export function useLabels() {
  const { t, te, locale } = useI18n()
  const reference = useReference()
  void reference.load().catch(() => undefined)
  const loc = computed(() => locale.value as Locale)

  const options = (list: ReferenceList) => reference.items(list).map((i) => ({ value: i.code, label: loc.value === 'en' ? i.nameEn : i.nameZh }))
  const label = (group: string, code: string | null | undefined) => {
    if (!code) return '—'
    return te(`${group}.${code}`) ? t(`${group}.${code}`) : code
  }
  const capability = (c: string) => {
    const [modality, taskType] = c.split(':')
    return `${reference.name('modalities', modality)} · ${reference.name('task-types', taskType)}`
  }

  return {
    t,
    locale: loc,
    reference,
    options,
    label,
    capability,
    name: (list: ReferenceList, code: string | null | undefined) => reference.name(list, code),
    number: (n: number | null | undefined) => formatNumber(n, loc.value),
    amount: (n: number | null | undefined) => formatAmount(n, loc.value),
    percent: (n: number | null | undefined) => formatPercent(n, loc.value),
  }
}
