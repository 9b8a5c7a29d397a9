/** A page of a list endpoint: `{ items, total, pageNumber, pageSize }` (docs/api.md, Paging). */
export interface Page<T> {
  items: T[]
  total: number
  pageNumber: number
  pageSize: number
}

/** An RFC 9457 problem details answer, as the API writes every error. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  traceId?: string
  code?: string
  errors?: Record<string, string[]>
}

/** A refused or failed call: the status and, when the API answered one, its problem details. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  /** The problem's type without its prefix, e.g. `validation-failed`, `not-found`. */
  get kind(): string {
    return (this.problem.type ?? '').replace(/^\/problems\//, '') || `http-${this.status}`
  }

  /** Field errors of a 400 validation failure, one line per message. */
  get fieldErrors(): string[] {
    return Object.entries(this.problem.errors ?? {}).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`))
  }
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | QueryValue[]>

/** The query string of a call: empty values are left out, lists repeat their key. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === null || v === undefined || v === '') continue
      params.append(key, String(v))
    }
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export interface ApiOptions {
  /** Where the API lives; the portal is served by the same host, so by default the current origin. */
  baseUrl?: string
  /** The caller's access token, or null when nobody is signed in. */
  accessToken?: () => Promise<string | null> | string | null
  /** The language problem messages are wanted in. */
  language?: () => string
  fetch?: typeof fetch
}

/** What a change sends besides its body: the version it read, as If-Match (versioned items refuse a change without it). */
export interface ChangeOptions {
  ifMatch?: number | string
}

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>
  page<T>(path: string, query: Query, page: number, pageSize: number): Promise<Page<T>>
  post<T>(path: string, body?: unknown, options?: ChangeOptions): Promise<T>
}

export const MaxPageSize = 100

export function createApi(options: ApiOptions = {}): Api {
  const base = (options.baseUrl ?? '').replace(/\/$/, '') + '/api/v1'
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))

  async function call<T>(method: string, path: string, query: Query | undefined, body: unknown, extra: Record<string, string>): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extra }
    const token = options.accessToken ? await options.accessToken() : null
    if (token) headers.Authorization = `Bearer ${token}`
    const language = options.language?.()
    if (language) headers['Accept-Language'] = language
    const init: RequestInit = { method, headers }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
    const response = await send(base + path + toQueryString(query), init)
    const text = await response.text()
    if (!response.ok) {
      let problem: Problem = { status: response.status, title: response.statusText }
      try {
        if (text) problem = { ...problem, ...(JSON.parse(text) as Problem) }
      } catch {
        problem.detail = text.slice(0, 200)
      }
      throw new ApiError(response.status, problem)
    }
    return (text ? JSON.parse(text) : undefined) as T
  }

  function get<T>(path: string, query?: Query): Promise<T> {
    return call<T>('GET', path, query, undefined, {})
  }

  function post<T>(path: string, body: unknown = {}, change: ChangeOptions = {}): Promise<T> {
    const extra: Record<string, string> = {}
    // The API issues versions as quoted ETags and reads them back the same way.
    if (change.ifMatch !== undefined) extra['If-Match'] = /^(W\/)?"/.test(String(change.ifMatch)) ? String(change.ifMatch) : `"${change.ifMatch}"`
    return call<T>('POST', path, undefined, body, extra)
  }

  async function page<T>(path: string, query: Query, pageNumber: number, pageSize: number): Promise<Page<T>> {
    const size = Math.min(MaxPageSize, Math.max(1, Math.floor(pageSize)))
    return get<Page<T>>(path, { ...query, page: Math.max(1, Math.floor(pageNumber)), pageSize: size })
  }

  return { get, page, post }
}
