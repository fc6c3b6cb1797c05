import type { ActivityRow, DealRow } from './deals';
import { DEAL_FIELDS, display, formatMoney, type DealField } from './fields';
import { markup } from './html';
import { layout } from './layout';

type Activity = Omit<ActivityRow, 'lines'> & { lines: string[] };

const dealHref = (id: string) => `/demo/deals/${encodeURIComponent(id)}`;
const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const stagePill = (stage: string) => markup`<span class="stage" data-stage="${stage}">${stage}</span>`;

export function dealsPage(deals: DealRow[]): string {
  const open = deals.filter((d) => !d.stage.startsWith('Closed'));
  const pipeline = open.reduce((sum, d) => sum + d.amount, 0);
  const rows = deals.map(
    (d) => markup`<tr data-deal-id="${d.id}">
<td><a class="deal" href="${dealHref(d.id)}">${d.name}</a></td>
<td data-field="stage">${stagePill(d.stage)}</td>
<td class="num" data-field="amount">${formatMoney(d.amount)}</td>
<td data-field="owner">${d.owner}</td>
<td data-field="close_date">${d.close_date ?? ''}</td>
</tr>`,
  );
  const empty = markup`<tr><td colspan="5" class="empty">No deals yet.</td></tr>`;
  return layout(
    'Deals',
    markup`<h1>Deals</h1>
<p class="sub">${open.length} open of ${deals.length} · ${formatMoney(pipeline)} in the open pipeline</p>
<div class="card"><table id="deals">
<thead><tr><th>Deal</th><th>Stage</th><th>Amount</th><th>Owner</th><th>Close date</th></tr></thead>
<tbody>${rows.length ? rows : empty}</tbody>
</table></div>
<p class="note">With the Countersign extension loaded, open a deal: the AI's suggestions for it appear in a panel
on the right, and approving one changes the deal here.</p>`,
  );
}

function fieldRow(f: DealField, deal: DealRow) {
  const raw = deal[f.column];
  const shown = f.kind === 'stage' ? stagePill(String(raw)) : display(f, raw);
  return markup`<tr><th scope="row">${f.label}</th>
<td id="field-${f.column}" data-field="${f.column}" data-value="${raw ?? ''}">${shown}</td></tr>`;
}

const activityItem = (a: Activity) => markup`<li data-kind="${a.kind}" data-suggestion-id="${a.suggestion_id ?? ''}">
<div><strong>${a.title}</strong> <span class="when">${when(a.at)}</span></div>
<ul>${a.lines.map((l) => markup`<li>${l}</li>`)}</ul>
</li>`;

export function dealPage(deal: DealRow, activity: Activity[]): string {
  const fields = DEAL_FIELDS.filter((f) => f.column !== 'name');
  const history = activity.length
    ? markup`<div class="card"><ol class="activity" id="activity">${activity.map(activityItem)}</ol></div>`
    : markup`<p class="empty" id="activity">No changes yet. Approved suggestions show up here.</p>`;
  return layout(
    deal.name,
    markup`<p class="sub"><a href="/demo/deals">← All deals</a></p>
<h1 id="deal-name" data-deal-id="${deal.id}">${deal.name}</h1>
<p class="sub">Deal ${deal.id} · updated ${when(deal.updated_at)}</p>
<div class="card"><table class="fields" id="deal-fields"><tbody>
${fields.map((f) => fieldRow(f, deal))}
</tbody></table></div>
<h2>Recent changes</h2>
${history}`,
  );
}

export function notFoundPage(id: string): string {
  return layout(
    'Not found',
    markup`<h1>No such deal</h1><p class="sub">There is no deal "${id}". <a href="/demo/deals">See all deals</a>.</p>`,
  );
}
