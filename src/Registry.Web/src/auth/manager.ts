import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts'

// Only a marker, never a token: it tells a reloaded page to ask the server (prompt=none) whether its sign-in session still holds.
export const SignedInMarker = 'registry.signedIn'

export const PortalClientId = 'registry-portal'

/** The portal's OIDC client against the host at `origin`; `stateStorage` keeps the PKCE verifier across the redirect. */
export function createManager(origin: string = window.location.origin, stateStorage: Storage = window.sessionStorage): UserManager {
  return new UserManager({
    authority: origin,
    client_id: PortalClientId,
    redirect_uri: `${origin}/callback`,
    post_logout_redirect_uri: `${origin}/callback`,
    response_type: 'code',
    scope: 'openid profile offline_access registry.api',
    // Tokens live in this page's memory only; the PKCE verifier waits for the redirect in the tab's session storage.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: stateStorage }),
    // Renewed with the refresh token before the access token (15 min) expires; the server's pages refuse frames, so no iframe renew.
    automaticSilentRenew: true,
    loadUserInfo: false,
    monitorSession: false,
  })
}

/**
 * Before the portal itself loads: a reloaded page that was signed in asks the server again (prompt=none) at once, so the
 * page it leaves does not first load and render the whole portal. True when the browser is being sent away.
 */
export async function resumeSilently(path: string): Promise<boolean> {
  if (window.sessionStorage.getItem(SignedInMarker) !== '1' || path.startsWith('/callback')) return false
  window.sessionStorage.removeItem(SignedInMarker)
  await createManager().signinRedirect({ state: { returnTo: path }, prompt: 'none' })
  return true
}
