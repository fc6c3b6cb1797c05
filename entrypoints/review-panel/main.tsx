import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import { ReviewPanel } from '../../components/panel/ReviewPanel';
import { sendToBackground } from '../../lib/hooks/runtime';
import { guardKeys } from '../../lib/keyboard/key-guard';
import { guardSight } from '../../lib/pointer/sight-guard';
import { usePanelGuard } from '../../lib/stores/panel-guard';

// The panel page, shown in the iframe the content script docks beside the CRM record. It reads and writes through
// the background: a page framed by a website may be refused storage of its own (third-party cookies blocked).
// Framed by that website, it acts only on what the user put there and can see: keys once the user has put the focus
// here (`guardKeys`), and clicks and keys only on what is not covered or see-through (`guardSight`).
const showKeys = (armed: boolean) => (document.documentElement.dataset.keys = armed ? 'on' : 'off');
const sight = guardSight(
  window,
  () => usePanelGuard.setState({ refused: 'sight' }),
  () => usePanelGuard.setState((s) => (s.refused === 'sight' ? { refused: null } : s)),
);
guardKeys(
  window,
  async () => {
    const reply = await sendToBackground<boolean>({ type: 'panel.keys' });
    return reply.ok && reply.data === true;
  },
  (state) => {
    usePanelGuard.setState(state);
    showKeys(state.armed);
  },
  () => !sight.seen(document.querySelector('[data-sight]')) || !sight.seen(document.activeElement?.closest('button')),
);
showKeys(false);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReviewPanel />
  </StrictMode>,
);
