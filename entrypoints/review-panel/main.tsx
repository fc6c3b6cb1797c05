import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import { ReviewPanel } from '../../components/panel/ReviewPanel';
import { sendToBackground } from '../../lib/hooks/runtime';
import { guardKeys } from '../../lib/keyboard/key-guard';
import { useKeyState } from '../../lib/stores/key-state';

// The panel page, shown in the iframe the content script docks beside the CRM record. It reads and writes through
// the background: a page framed by a website may be refused storage of its own (third-party cookies blocked).
// Framed by that website, it takes keys only once the user has put them here (`guardKeys`).
guardKeys(
  window,
  async () => {
    const reply = await sendToBackground<boolean>({ type: 'panel.keys' });
    return reply.ok && reply.data === true;
  },
  (state) => {
    useKeyState.setState(state);
    document.documentElement.dataset.keys = state.armed ? 'on' : 'off';
  },
);
document.documentElement.dataset.keys = 'off';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReviewPanel />
  </StrictMode>,
);
