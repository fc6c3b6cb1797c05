import { defineConfig } from 'wxt';
import { contentScriptMatches } from './lib/crm/registry';

/** The demo server and a local development server; other servers are asked for at sign-in. */
const DEFAULT_SERVER_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Countersign',
    description: 'Human approval for AI actions, inside your CRM.',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: DEFAULT_SERVER_HOSTS,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    web_accessible_resources: [{ resources: ['review-panel.html'], matches: contentScriptMatches }],
    action: { default_title: 'Countersign' },
  },
});
