import { contentScriptMatches } from '../../lib/crm/registry';
import { startRecordPanel } from './record-panel';

export default defineContentScript({
  matches: contentScriptMatches,
  runAt: 'document_idle',
  main(ctx) {
    startRecordPanel(ctx);
  },
});
