import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { InMemoryWebStorage } from 'oidc-client-ts'

// The session store against a fake OpenIddict server (discovery and token endpoint) on a fake clock: the real
// oidc-client-ts settings of the portal, signed in by authorization code + PKCE, then left alone while time passes.
const origin = 'https://registry.test'
const AccessTokenSeconds = 900

interface TokenRequest { at: number; form: URLSearchParams }

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function idToken(): string {
  const now = Math.floor(Date.now() / 1000)
  return [base64url({ alg: 'none' }), base64url({
    iss: `${origin}/`, aud: 'registry-portal', sub: 'nda', name: '国家数据局', role: 'regulator', region: '000000', iat: now, exp: now + 3600,
  }), 'signature'].join('.')
}

function fakeServer(requests: TokenRequest[]) {
  let issued = 0
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    if (url === `${origin}/.well-known/openid-configuration`) {
      return json({
        issuer: `${origin}/`, authorization_endpoint: `${origin}/connect/authorize`, token_endpoint: `${origin}/connect/token`,
        end_session_endpoint: `${origin}/connect/logout`, revocation_endpoint: `${origin}/connect/revoke`,
      })
    }
    if (url === `${origin}/connect/token`) {
      const form = new URLSearchParams(String(init?.body))
      requests.push({ at: Date.now(), form })
      issued += 1
      return json({
        access_token: `access-${issued}`, refresh_token: `refresh-${issued}`, token_type: 'Bearer', expires_in: AccessTokenSeconds,
        scope: 'openid profile offline_access registry.api', ...(form.get('grant_type') === 'authorization_code' ? { id_token: idToken() } : {}),
      })
    }
    return new Response('not found', { status: 404 })
  })
}

describe('the session', () => {
  let requests: TokenRequest[]
  let redirectedTo: string | null

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-02T02:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    requests = []
    redirectedTo = null
    const storage = new InMemoryWebStorage()
    const page: Record<string, unknown> = {
      location: { origin, href: `${origin}/dashboard`, assign: (url: string) => { redirectedTo = url }, replace: (url: string) => { redirectedTo = url } },
      sessionStorage: storage,
      addEventListener: () => undefined,
    }
    page.self = page
    page.top = page
    vi.stubGlobal('window', page)
    vi.stubGlobal('sessionStorage', storage)
    vi.stubGlobal('fetch', fakeServer(requests))
    setActivePinia(createPinia())
  })

  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  async function signIn() {
    const { useSession } = await import('@/auth/session')
    const session = useSession()
    void session.signIn('/dashboard')
    await vi.waitFor(() => expect(redirectedTo).not.toBeNull())
    const authorize = new URL(redirectedTo!)
    expect(authorize.pathname).toBe('/connect/authorize')
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    const returnTo = await session.completeRedirect(`${origin}/callback?code=code-1&state=${authorize.searchParams.get('state')}`)
    expect(returnTo).toBe('/dashboard')
    return session
  }

  it('signs in by code and PKCE, keeps the role and jurisdiction of the person, and calls with the access token', async () => {
    const session = await signIn()
    expect(requests.map((r) => r.form.get('grant_type'))).toEqual(['authorization_code'])
    expect(requests[0].form.get('code_verifier')).toBeTruthy()
    expect([session.signedIn, session.role, session.region]).toEqual([true, 'regulator', '000000'])
    expect(await session.accessToken()).toBe('access-1')
  })

  it('renews the access token with the refresh token before it expires, and each renewal uses the newest refresh token', async () => {
    const session = await signIn()
    const firstExpiresAt = session.user!.expires_at!

    // Nothing happens while the token has more than a minute left.
    await vi.advanceTimersByTimeAsync((AccessTokenSeconds - 100) * 1000)
    expect(requests).toHaveLength(1)

    await vi.advanceTimersByTimeAsync(60 * 1000)
    await vi.waitFor(() => expect(session.user?.access_token).toBe('access-2'))
    const renewal = requests[1]
    expect(Object.fromEntries(renewal.form)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'registry-portal' })
    expect(renewal.at / 1000).toBeLessThan(firstExpiresAt)
    expect(session.signedIn).toBe(true)
    expect(await session.accessToken()).toBe('access-2')

    await vi.advanceTimersByTimeAsync(AccessTokenSeconds * 1000)
    await vi.waitFor(() => expect(session.user?.access_token).toBe('access-3'))
    expect(requests[2].form.get('refresh_token')).toBe('refresh-2')
    expect(session.role).toBe('regulator')
  })
})
