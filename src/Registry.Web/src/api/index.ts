import { createApi } from './client'
import { currentLocale } from '@/i18n'
import { useSession } from '@/auth/session'

/** The portal's API: same origin, the signed-in person's token when there is one, problem messages in the page's language. */
export const api = createApi({
  accessToken: () => useSession().accessToken(),
  language: () => (currentLocale() === 'en' ? 'en' : 'zh-CN'),
})
