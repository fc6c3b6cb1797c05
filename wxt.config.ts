import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Countersign',
    description: 'Human approval for AI actions, inside your CRM.',
    permissions: ['storage', 'alarms'],
  },
});
