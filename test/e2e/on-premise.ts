import type { BrowserContext, Page } from 'playwright-core';

/**
 * On-premise CRM hosts, served by request routing like the named CRMs. Chrome's permission prompt cannot be answered
 * from a test, so the end-to-end build grants these hosts at install (test/e2e/build.ts sets
 * COUNTERSIGN_E2E_GRANTED_HOSTS, which wxt.config.ts adds to host_permissions): as if the user had accepted the prompt
 * for each. Whether the panel runs on one is still up to the product: only a host added on the options page gets it.
 */
export const ON_PREMISE = {
  /** The host the tests add on the options page. */
  contoso: 'https://crm.contoso.test',
  /** Granted, never added: a host Countersign may reach that is not a CRM the user named. */
  fabrikam: 'https://crm.fabrikam.test',
  /** Neither granted nor added. */
  northwind: 'https://crm.northwind.test',
} as const;

export const E2E_GRANTED_HOSTS = [ON_PREMISE.contoso, ON_PREMISE.fabrikam].map((origin) => `${origin}/*`);

/** An opportunity's page in an on-premise Dynamics: the org name before main.aspx, the record id in braces. */
export const opportunityUrl = (origin: string, id: string): string =>
  `${origin}/Contoso/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entityrecord&etn=opportunity` +
  `&id=%7B${id.toUpperCase()}%7D`;

// Enough of a Dynamics record page for the content script: it reads the address, never the DOM.
const page = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} - Microsoft Dynamics 365</title></head>
<body>
  <header role="banner"><a href="/Contoso/main.aspx">Dynamics 365</a> <span>Sales Hub</span></header>
  <main id="mainContent">
    <h1 data-id="header_title">${title}</h1>
    <section aria-label="Summary">
      <label>Est. revenue <input value="48,000.00" readonly></label>
      <label>Pipeline phase <select><option>3-Propose</option><option>4-Close</option></select></label>
    </section>
  </main>
</body></html>`;

/** Opens `url` in a new tab, with every document under its origin served as a Dynamics record page. */
export async function openOnPremisePage(
  context: BrowserContext,
  url: string,
  title = 'Contoso renewal',
): Promise<Page> {
  const tab = await context.newPage();
  await tab.route(`${new URL(url).origin}/**`, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page(title) })
      : route.fulfill({ status: 404, body: '' }),
  );
  await tab.goto(url);
  return tab;
}
