import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import { ReviewPanel } from '../../components/panel/ReviewPanel';

// The panel page, shown in the iframe the content script docks beside the CRM record. It reads and writes through
// the background: a page framed by a website may be refused storage of its own (third-party cookies blocked).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReviewPanel />
  </StrictMode>,
);
