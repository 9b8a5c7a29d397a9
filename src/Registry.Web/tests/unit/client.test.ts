import { describe, expect, it } from 'vitest'
import { ApiError, createApi, toQueryString } from '@/api/client'

interface Sent { url: string; method?: string; headers: Record<string, string>; body?: string }

function fakeFetch(status: number, body: unknown, sent: Sent[], contentType = 'application/json') {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), method: init?.method, headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body as string | undefined })
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } })
  }) as typeof fetch
}

describe('the query string', () => {
  it('leaves out empty values and repeats lists', () => {
    expect(toQueryString({ q: '病理', domain: '', region: undefined, modality: null, taskType: ['a', 'b'], page: 2 }))
      .toBe('?q=%E7%97%85%E7%90%86&taskType=a&taskType=b&page=2')
  })
  it('is empty without values', () => {
    expect(toQueryString({ q: '' })).toBe('')
  })
})

describe('paging', () => {
  it('asks for the page and its size and answers the page', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, { items: [{ id: 1 }], total: 41, pageNumber: 3, pageSize: 20 }, sent) })
    const page = await api.page<{ id: number }>('/enterprises', { q: '数据' }, 3, 20)
    expect(sent[0].url).toBe('/api/v1/enterprises?q=%E6%95%B0%E6%8D%AE&page=3&pageSize=20')
    expect(page.total).toBe(41)
    expect(page.items).toEqual([{ id: 1 }])
  })
  it('keeps the page size within what the API accepts', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, { items: [], total: 0, pageNumber: 1, pageSize: 100 }, sent) })
    await api.page('/bases', {}, 0, 1000)
    expect(sent[0].url).toBe('/api/v1/bases?page=1&pageSize=100')
  })
})

describe('the bearer token', () => {
  it('is sent when someone is signed in', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, [], sent), accessToken: async () => 'abc' })
    await api.get('/bids/mine')
    expect(sent[0].headers.Authorization).toBe('Bearer abc')
  })
  it('is not sent when nobody is', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, [], sent), accessToken: () => null })
    await api.get('/bases')
    expect(sent[0].headers.Authorization).toBeUndefined()
  })
  it('goes with the page\'s language', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, [], sent), language: () => 'en' })
    await api.get('/bases')
    expect(sent[0].headers['Accept-Language']).toBe('en')
  })
})

describe('problem details', () => {
  it('become an ApiError with the status, type and field errors', async () => {
    const problem = {
      type: '/problems/validation-failed', title: 'One or more fields are invalid.', status: 400,
      errors: { pageSize: ["'Page Size' must be between 1 and 100."] }, traceId: '00-1',
    }
    const api = createApi({ fetch: fakeFetch(400, problem, [], 'application/problem+json') })
    const error = await api.get('/enterprises').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(400)
    expect(apiError.kind).toBe('validation-failed')
    expect(apiError.problem.traceId).toBe('00-1')
    expect(apiError.fieldErrors).toEqual(["pageSize: 'Page Size' must be between 1 and 100."])
    expect(apiError.message).toBe('One or more fields are invalid.')
  })
  it('prefer the detail as the message', async () => {
    const api = createApi({ fetch: fakeFetch(404, { type: '/problems/not-found', title: 'Not found.', status: 404, detail: 'No demand 1.' }, []) })
    await expect(api.get('/demands/1')).rejects.toMatchObject({ status: 404, kind: 'not-found', message: 'No demand 1.' })
  })
  it('still give an error when the answer is not JSON', async () => {
    const api = createApi({ fetch: fakeFetch(502, '<html>Bad gateway</html>', [], 'text/html') })
    const error = (await api.get('/bases').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(502)
    expect(error.kind).toBe('http-502')
    expect(error.problem.detail).toContain('Bad gateway')
  })
})

describe('a change', () => {
  it('posts its body as JSON with the version it read as If-Match', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, { id: 'a1', status: 'dismissed', version: 3 }, sent), accessToken: () => 'abc' })
    const answer = await api.post<{ status: string }>('/alerts/a1/dismiss', { reason: '属正常情况' }, { ifMatch: 2 })
    expect(sent[0]).toMatchObject({ url: '/api/v1/alerts/a1/dismiss', method: 'POST', body: '{"reason":"属正常情况"}' })
    expect(sent[0].headers).toMatchObject({ 'If-Match': '"2"', 'Content-Type': 'application/json', Authorization: 'Bearer abc' })
    expect(answer.status).toBe('dismissed')
  })
  it('sends an ETag it was given as it is', async () => {
    const sent: Sent[] = []
    const api = createApi({ fetch: fakeFetch(200, {}, sent) })
    await api.post('/alerts/a1/acknowledge', {}, { ifMatch: 'W/"7"' })
    expect(sent[0].headers['If-Match']).toBe('W/"7"')
  })
  it('turns a refusal into an ApiError with the API\'s message', async () => {
    const problem = { type: '/problems/invalid-transition', title: 'Conflict', status: 409, detail: 'The alert is already resolved.' }
    const api = createApi({ fetch: fakeFetch(409, problem, [], 'application/problem+json') })
    await expect(api.post('/alerts/a1/resolve', { note: 'x' }, { ifMatch: 1 })).rejects.toMatchObject({ status: 409, message: 'The alert is already resolved.' })
  })
})
