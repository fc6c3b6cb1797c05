import type { CrmAdapter, CrmRecordRef } from './types';
import { isUuid, trimBase } from './url-parts';

// Online orgs live at {org}.crm{N}.dynamics.com; on-premise servers put the org name before main.aspx
// (`/Contoso/main.aspx`) on hosts of their own, so detection looks at the path and query only.
const MAIN_PAGE = /\/main\.aspx$/i;
const ENTITY = /^[a-z][a-z0-9_]*$/;

function detect(url: URL): CrmRecordRef | null {
  if (!MAIN_PAGE.test(url.pathname)) return null;
  const params = url.searchParams;
  const entity = params.get('etn')?.toLowerCase();
  const id = params
    .get('id')
    ?.replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  if (params.get('pagetype')?.toLowerCase() !== 'entityrecord' || !entity || !id) return null;
  if (!ENTITY.test(entity) || !isUuid(id)) return null;
  return { crm: 'dynamics', objectType: entity, id };
}

/** `base` is the org's root: `https://contoso.crm4.dynamics.com`, or `https://crm.contoso.local/Contoso` on premise. */
function recordUrl(ref: CrmRecordRef, base?: string): string | null {
  if (!base || !ENTITY.test(ref.objectType) || !isUuid(ref.id)) return null;
  return `${trimBase(base)}/main.aspx?pagetype=entityrecord&etn=${ref.objectType}&id=${ref.id}`;
}

const ref = (objectType: string, id: string) => ({ crm: 'dynamics', objectType, id });
const GUID = '8a3c1f2e-5b7d-4e9a-b0c1-d2e3f4a5b6c7';

export const dynamics: CrmAdapter = {
  crm: 'dynamics',
  label: 'Dynamics 365',
  // Commercial and GCC clouds, GCC High, DoD, and the cloud operated in China. On-premise hosts are granted later
  // through optional host permissions, not listed here.
  matches: [
    'https://*.dynamics.com/*',
    'https://*.crm.microsoftdynamics.us/*',
    'https://*.crm.appsplatform.us/*',
    'https://*.crm.dynamics.cn/*',
  ],
  detect,
  recordUrl,
  samples: [
    {
      url: `https://contoso.crm.dynamics.com/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entityrecord&etn=opportunity&id=${GUID}`,
      expect: ref('opportunity', GUID),
    },
    {
      url: `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=%7B${GUID.toUpperCase()}%7D`,
      expect: ref('account', GUID),
    },
    {
      url: `https://contoso.crm11.dynamics.com/main.aspx?etn=contact&pagetype=entityrecord&id={${GUID}}`,
      expect: ref('contact', GUID),
    },
    {
      url: `https://contoso.crm.dynamics.com/main.aspx?forceUCI=1&pagetype=entityrecord&etn=lead&id=${GUID}#tab`,
      expect: ref('lead', GUID),
    },
    {
      url: `https://fabrikam.crm9.dynamics.com/main.aspx?pagetype=entityrecord&etn=new_project&id=${GUID}`,
      expect: ref('new_project', GUID),
    },
    {
      url: `https://contoso.crm.microsoftdynamics.us/main.aspx?pagetype=entityrecord&etn=opportunity&id=${GUID}`,
      expect: ref('opportunity', GUID),
    },
    {
      url: `https://contoso.crm.appsplatform.us/main.aspx?pagetype=entityrecord&etn=account&id=${GUID}`,
      expect: ref('account', GUID),
    },
    {
      url: `https://contoso.crm.dynamics.cn/main.aspx?pagetype=entityrecord&etn=contact&id=${GUID}`,
      expect: ref('contact', GUID),
    },
    { url: 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=opportunity', expect: null },
    { url: 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity', expect: null },
    {
      url: 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=not-a-guid',
      expect: null,
    },
    {
      url: 'https://contoso.crm.dynamics.com/main.aspx?pagetype=dashboard&id=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      expect: null,
    },
    {
      url: `https://contoso.crm.dynamics.com/settings.aspx?pagetype=entityrecord&etn=account&id=${GUID}`,
      expect: null,
    },
    { url: 'https://home.dynamics.com/', expect: null },
  ],
};
