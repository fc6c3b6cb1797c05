import type { MetricRates } from '../../../lib/schemas/metrics';
import { duration, percent, typeName } from './format';

interface Props {
  caption: string;
  rows: MetricRates[];
  /** Shows action-type keys as words. */
  types?: boolean;
}

const count = (n: number | null) => (n === null ? '—' : String(n));

/** One breakdown (per action type, agent, reviewer or week) as a table; names and labels are shown as text. */
export function BreakdownTable({ caption, rows, types = false }: Props) {
  if (rows.length === 0) return <p className="muted">Nothing to break down in this window.</p>;
  return (
    <div className="table-scroll">
      <table className="metrics-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Proposals</th>
            <th scope="col">Auto</th>
            <th scope="col">Overrides</th>
            <th scope="col">Time to decision (median / p90)</th>
            <th scope="col">Timeouts</th>
            <th scope="col">Modify : reject</th>
            <th scope="col">Escalations</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{types ? typeName(r.label) : r.label}</th>
              <td>{count(r.proposals)}</td>
              <td>{r.proposals === null ? '—' : percent(r.autoRate)}</td>
              <td>{percent(r.overrideRate)}</td>
              <td>
                {duration(r.medianMs)} / {duration(r.p90Ms)}
              </td>
              <td>{r.proposals === null ? '—' : percent(r.timeoutRate)}</td>
              <td>
                {r.modified} : {r.rejected}
              </td>
              <td>{percent(r.escalationRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
