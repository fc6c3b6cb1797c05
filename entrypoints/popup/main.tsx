import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import '../../components/popup/popup.css';
import { AlertsPopup } from '../../components/popup/AlertsPopup';
import { openDb } from '../../lib/db/open-db';
import { DbProvider } from '../../lib/hooks/db-context';

// The toolbar popup: managers' risk alerts (reps see their own), read from this extension's cache.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DbProvider db={openDb()}>
      <AlertsPopup />
    </DbProvider>
  </StrictMode>,
);
