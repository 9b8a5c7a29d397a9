import { resumeSilently } from './auth/manager'

// A reload of a signed-in page goes straight back to the server for a silent sign-in; only otherwise is the portal loaded.
void resumeSilently(window.location.pathname + window.location.search).then(async (leaving) => {
  if (!leaving) (await import('./app')).start()
})
