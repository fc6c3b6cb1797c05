import { defineConfig } from 'wxt';
import { FOCUS_PANEL_COMMAND } from './lib/messages';

/** The demo server and a local development server; other servers are asked for at sign-in. */
const DEFAULT_SERVER_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];

/** Other servers and CRM hosts of the user's own (an on-premise Dynamics), each asked for on the options page. */
const ANY_HOST = ['https://*/*', 'http://*/*'];

/**
 * Hosts the end-to-end build grants at install (test/e2e/build.ts sets this), because a test cannot answer the
 * browser's permission prompt. Only hosts under the reserved `.test` domain are accepted, so the variable can never
 * widen a build to real sites.
 */
function e2eGrantedHosts(): string[] {
  const raw = process.env.COUNTERSIGN_E2E_GRANTED_HOSTS?.trim();
  if (!raw) return [];
  const hosts = raw.split(',').map((h) => h.trim());
  for (const host of hosts) {
    if (!/^https?:\/\/[a-z0-9.-]+\.test\/\*$/.test(host)) {
      throw new Error(`COUNTERSIGN_E2E_GRANTED_HOSTS: ${host} is not a pattern for one host under .test`);
    }
  }
  return hosts;
}

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser, manifestVersion }) => {
    // Firefox has no per-session panel URL: its extension origin is already a random id of this installation.
    const perSessionUrl = browser !== 'firefox' && browser !== 'safari';
    return {
      name: 'Countersign',
      description: 'Human approval for AI actions, inside your CRM.',
      // `scripting`: the panel's content script is registered at run time on the CRM hosts a user adds (an
      // on-premise Dynamics), which no build can list.
      permissions: ['storage', 'alarms', 'notifications', 'scripting'],
      host_permissions: [...DEFAULT_SERVER_HOSTS, ...e2eGrantedHosts()],
      // MV2 has no optional_host_permissions: there, optional host patterns are optional permissions.
      ...(manifestVersion === 3 ? { optional_host_permissions: ANY_HOST } : { optional_permissions: ANY_HOST }),
      // The panel frame loads on any web page the content script runs on, the named CRMs and the hosts users add.
      // In Chrome only through the per-session URL that runtime.getURL gives the content script: a page cannot
      // probe or frame the panel at a URL known in advance.
      web_accessible_resources: [
        {
          resources: ['review-panel.html'],
          matches: ANY_HOST,
          ...(perSessionUrl ? { use_dynamic_url: true } : {}),
        },
      ],
      action: { default_title: 'Countersign' },
      // Into the panel from the CRM page without a click (lib/background/focus-panel.ts). Chrome's own shortcuts
      // leave Alt+Shift+K free; people change it at chrome://extensions/shortcuts. Commands need no permission.
      commands: {
        [FOCUS_PANEL_COMMAND]: {
          suggested_key: { default: 'Alt+Shift+K' },
          description: 'Focus the review panel on this tab',
        },
      },
    };
  },
});
