import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

/** Pages a signed-in person's role opens; the API decides again on every call. */
export const WorkspaceRoles: Record<string, string[]> = {
  myDemands: ['agency'],
  myBids: ['enterprise'],
  myContracts: ['agency', 'enterprise'],
  // The statistics API serves regulators (their jurisdiction) and the operator (any region); alerts are worked by regulators only.
  dashboard: ['regulator', 'admin'],
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/HomeView.vue') },
  { path: '/enterprises', name: 'enterprises', component: () => import('@/views/EnterprisesView.vue') },
  { path: '/enterprises/:id', name: 'enterprise', component: () => import('@/views/EnterpriseView.vue'), props: true },
  { path: '/catalog', name: 'catalog', component: () => import('@/views/CatalogView.vue') },
  { path: '/catalog/:id', name: 'catalogEntry', component: () => import('@/views/CatalogEntryView.vue'), props: true },
  { path: '/demands', name: 'demands', component: () => import('@/views/DemandsView.vue') },
  { path: '/demands/:id', name: 'demand', component: () => import('@/views/DemandView.vue'), props: true },
  { path: '/bases', name: 'bases', component: () => import('@/views/BasesView.vue') },
  { path: '/callback', name: 'callback', component: () => import('@/views/CallbackView.vue') },
  { path: '/me/demands', name: 'myDemands', component: () => import('@/views/MyDemandsView.vue'), meta: { roles: WorkspaceRoles.myDemands } },
  { path: '/me/bids', name: 'myBids', component: () => import('@/views/MyBidsView.vue'), meta: { roles: WorkspaceRoles.myBids } },
  { path: '/me/contracts', name: 'myContracts', component: () => import('@/views/MyContractsView.vue'), meta: { roles: WorkspaceRoles.myContracts } },
  { path: '/dashboard', name: 'dashboard', component: () => import('@/views/DashboardView.vue'), meta: { roles: WorkspaceRoles.dashboard } },
  { path: '/:pathMatch(.*)*', name: 'notFound', component: () => import('@/views/NotFoundView.vue') },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})
