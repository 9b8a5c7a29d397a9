// The portal: Vue, Element Plus, the router and the stores, loaded once no silent sign-in is sending the page away.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { i18n, setLocale, currentLocale } from './i18n'
import { useSession } from './auth/session'

export function start(): void {
  const app = createApp(App).use(createPinia()).use(i18n).use(router).use(ElementPlus)
  setLocale(currentLocale())
  void useSession().restore(window.location.pathname + window.location.search)
  app.mount('#app')
}
