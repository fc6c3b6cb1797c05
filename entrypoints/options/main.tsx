import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/panel/panel.css';
import '../../components/options/options.css';
import { OptionsPage } from '../../components/options/OptionsPage';

// The options page: connection and preferences for everyone, the policy and users and tokens for admins.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsPage />
  </StrictMode>,
);
