import { computed, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { Page } from '@/api/client'

export const PageSizes = [10, 20, 50, 100]

/**
 * A list page whose filters, page number and page size live in the address (so a result can be shared and the back
 * button works), loaded again whenever the address changes.
 */
export function usePagedList<TItem, TPage extends Page<TItem> = Page<TItem>>(
  filterKeys: string[],
  load: (filters: Record<string, string>, page: number, pageSize: number) => Promise<TPage>,
) {
  const route = useRoute()
  const router = useRouter()
  const result = ref<TPage | null>(null) as { value: TPage | null }
  const loading = ref(false)
  const error = ref<unknown>(null)

  const read = (q: LocationQuery) => Object.fromEntries(filterKeys.map((k) => [k, typeof q[k] === 'string' ? (q[k] as string) : '']))
  const filters = ref<Record<string, string>>(read(route.query))
  const page = computed(() => Math.max(1, Number(route.query.page) || 1))
  const pageSize = computed(() => (PageSizes.includes(Number(route.query.pageSize)) ? Number(route.query.pageSize) : 20))

  async function fetchPage() {
    loading.value = true
    error.value = null
    try {
      result.value = await load(read(route.query), page.value, pageSize.value)
    } catch (e) {
      error.value = e
      result.value = null
    } finally {
      loading.value = false
    }
  }

  function go(query: Record<string, string | number>) {
    const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== null && v !== undefined).map(([k, v]) => [k, String(v)]))
    return router.push({ path: route.path, query: clean })
  }

  const search = () => go({ ...filters.value, pageSize: pageSize.value === 20 ? '' : pageSize.value })
  const reset = () => {
    filters.value = read({})
    return go({})
  }
  const toPage = (n: number) => go({ ...read(route.query), page: n === 1 ? '' : n, pageSize: pageSize.value === 20 ? '' : pageSize.value })
  const toPageSize = (n: number) => go({ ...read(route.query), pageSize: n === 20 ? '' : n })

  // Only while this list's own path is shown: leaving it for another page must not load this list again.
  const ownPath = route.path
  watch(() => route.fullPath, () => {
    if (route.path !== ownPath) return
    filters.value = read(route.query)
    void fetchPage()
  }, { immediate: true })

  return { result, loading, error, filters, page, pageSize, search, reset, toPage, toPageSize, reload: fetchPage }
}
