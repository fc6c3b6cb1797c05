import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import '../../components/popup/popup.css';
import { AlertsPopup } from '../../components/popup/AlertsPopup';

// The toolbar popup: managers' risk alerts (reps see their own), read from the background's cache.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AlertsPopup />
  </StrictMode>,
);
