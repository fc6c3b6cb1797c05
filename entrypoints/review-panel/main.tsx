import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import { ReviewPanel } from '../../components/panel/ReviewPanel';
import { openDb } from '../../lib/db/open-db';
import { DbProvider } from '../../lib/hooks/db-context';

// The panel page, shown in the iframe the content script docks beside the CRM record.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DbProvider db={openDb()}>
      <ReviewPanel />
    </DbProvider>
  </StrictMode>,
);
