import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { type User } from 'oidc-client-ts'
import { createManager, SignedInMarker } from './manager'

export { createManager, PortalClientId } from './manager'

export const useSession = defineStore('session', () => {
  const manager = createManager()
  const user = shallowRef<User | null>(null)

  manager.events.addUserLoaded((u) => {
    user.value = u
  })
  manager.events.addUserUnloaded(() => {
    user.value = null
  })
  manager.events.addSilentRenewError(() => {
    user.value = null
    sessionStorage.removeItem(SignedInMarker)
  })

  const signedIn = computed(() => !!user.value && !user.value.expired)
  const role = computed(() => (user.value?.profile.role as string | undefined) ?? null)
  const name = computed(() => (user.value?.profile.name as string | undefined) ?? '')
  /** The region code of the person's organization: a regulator's jurisdiction. */
  const region = computed(() => (user.value?.profile.region as string | undefined) ?? null)

  async function accessToken(): Promise<string | null> {
    const current = user.value
    if (!current) return null
    if (current.expired) {
      try {
        return (await manager.signinSilent())?.access_token ?? null
      } catch {
        return null
      }
    }
    return current.access_token
  }

  function signIn(returnTo: string, silent = false): Promise<void> {
    return manager.signinRedirect({ state: { returnTo }, prompt: silent ? 'none' : undefined })
  }

  /** After the server sent the browser back to /callback: a sign-in to finish, a sign-out, or a refused prompt=none. */
  async function completeRedirect(url: string): Promise<string> {
    const params = new URL(url).searchParams
    if (!params.has('code') && !params.has('error')) {
      await manager.removeUser()
      return '/'
    }
    try {
      const signed = await manager.signinCallback(url)
      if (signed) {
        user.value = signed
        sessionStorage.setItem(SignedInMarker, '1')
      }
      return ((signed?.state as { returnTo?: string } | undefined)?.returnTo) ?? '/'
    } catch (error) {
      sessionStorage.removeItem(SignedInMarker)
      const state = (error as { state?: { returnTo?: string } }).state
      // A prompt=none attempt that found no session is not a failure: the page simply stays signed out.
      if (params.get('error') === 'login_required') return state?.returnTo ?? '/'
      throw error
    }
  }

  /** A reloaded page lost its tokens; if it was signed in, ask the server again without showing anything. */
  async function restore(currentPath: string): Promise<void> {
    if (user.value || sessionStorage.getItem(SignedInMarker) !== '1' || currentPath.startsWith('/callback')) return
    sessionStorage.removeItem(SignedInMarker)
    await signIn(currentPath, true)
  }

  async function signOut(): Promise<void> {
    const idToken = user.value?.id_token
    try {
      await manager.revokeTokens(['refresh_token'])
    } catch {
      // The session ends at the server below in any case.
    }
    sessionStorage.removeItem(SignedInMarker)
    await manager.removeUser()
    user.value = null
    await manager.signoutRedirect({ id_token_hint: idToken })
  }

  return { user, signedIn, role, name, region, accessToken, signIn, completeRedirect, restore, signOut }
})
