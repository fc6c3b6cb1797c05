import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import '../../components/options/options.css';
import { OptionsPage } from '../../components/options/OptionsPage';
import { openDb } from '../../lib/db/open-db';
import { DbProvider } from '../../lib/hooks/db-context';

// The options page: connection and preferences for everyone, the policy and users and tokens for admins.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DbProvider db={openDb()}>
      <OptionsPage />
    </DbProvider>
  </StrictMode>,
);
