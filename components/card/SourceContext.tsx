import type { RoutingReason } from '../../lib/schemas/suggestion';

/** What the AI saw, folded away until asked for; JSON shown as text. */
export function SourceContext({ context, routing }: { context: Record<string, unknown>; routing: RoutingReason }) {
  const empty = Object.keys(context).length === 0;
  return (
    <details className="context">
      <summary>Source context and routing</summary>
      {empty ? <p className="muted">The agent sent no source data.</p> : <pre>{JSON.stringify(context, null, 2)}</pre>}
      <p className="muted">Routed here: {routing.detail}</p>
    </details>
  );
}
