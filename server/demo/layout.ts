import { markup, SafeHtml } from './html';

// The right-hand padding keeps the page clear of the review panel the extension docks at the right edge.
const CSS = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5f6b7f; --line: #e3e7ee; --bg: #f6f7fb; --card: #fff;
  --brand: #3056d3; --brand-soft: #e8eefc; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); }
@media (min-width: 1100px) { body { padding-right: 420px; } }
header.bar { display: flex; align-items: center; gap: 24px; padding: 12px 32px; background: var(--card);
  border-bottom: 1px solid var(--line); }
header.bar .brand { font-weight: 700; letter-spacing: .2px; color: var(--ink); text-decoration: none; }
header.bar nav a { color: var(--muted); text-decoration: none; font-weight: 500; }
header.bar nav a:hover { color: var(--brand); }
main { max-width: 880px; padding: 28px 32px 64px; }
h1 { font-size: 26px; margin: 4px 0 4px; }
h2 { font-size: 16px; margin: 32px 0 10px; color: var(--muted); text-transform: uppercase; letter-spacing: .6px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; overflow: hidden; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 12px 16px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr:last-child th, tr:last-child td { border-bottom: 0; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); background: #fafbfd; }
table.fields th { width: 180px; color: var(--muted); font-weight: 500; }
td.num { font-variant-numeric: tabular-nums; }
a { color: var(--brand); }
a.deal { font-weight: 600; text-decoration: none; }
a.deal:hover { text-decoration: underline; }
.stage { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 13px; font-weight: 600;
  background: var(--brand-soft); color: var(--brand); }
.stage[data-stage="Closed Won"] { background: #e3f6ea; color: #1d7a43; }
.stage[data-stage="Closed Lost"] { background: #fbe9e9; color: #a23434; }
.empty { color: var(--muted); font-style: italic; }
ol.activity { list-style: none; margin: 0; padding: 0; }
ol.activity > li { padding: 12px 16px; border-bottom: 1px solid var(--line); }
ol.activity > li:last-child { border-bottom: 0; }
ol.activity .when { color: var(--muted); font-size: 13px; }
ol.activity ul { margin: 6px 0 0; padding-left: 18px; }
.note { margin-top: 28px; padding: 12px 16px; border-radius: 10px; background: var(--brand-soft); color: var(--ink);
  font-size: 14px; }
`;
// A constant of ours: the one raw string placed in a page.
const STYLE = new SafeHtml(CSS);

/** A whole page of the demo CRM around `body`. */
export function layout(title: string, body: SafeHtml): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Demo CRM</title>
<style>${STYLE}</style>
</head>
<body>
<header class="bar"><a class="brand" href="/demo/">Demo CRM</a><nav><a href="/demo/deals">Deals</a></nav></header>
<main>${body}</main>
</body>
</html>
`.value;
}
