import type { MetricRates } from '../../../lib/schemas/metrics';
import { duration, percent } from './format';

const of = (part: number | null, whole: number | null) =>
  part === null || whole === null ? '' : `${part} of ${whole}`;

/** The six rates over the whole window, each with the counts behind it. */
export function HeadlineRates({ all }: { all: MetricRates }) {
  const tiles: [string, string, string][] = [
    ['Auto-approval rate', percent(all.autoRate), `${of(all.auto, all.proposals)} proposals routed auto`],
    ['Human override rate', percent(all.overrideRate), `${of(all.overrides, all.verdicts)} verdicts not as proposed`],
    [
      'Time to decision',
      duration(all.medianMs),
      all.p90Ms === null ? 'no item decided by a person' : `median; 90 % within ${duration(all.p90Ms)}`,
    ],
    ['Timeout rate', percent(all.timeoutRate), `${of(all.timedOut, all.routedToPeople)} items sent to people`],
    ['Modify vs reject', `${all.modified} : ${all.rejected}`, 'modified or partly approved : rejected or dismissed'],
    [
      'Escalation frequency',
      percent(all.escalationRate),
      `${of(all.escalations, all.humanDecisions)} decisions by people`,
    ],
  ];
  return (
    <dl className="metric-tiles">
      {tiles.map(([name, value, detail]) => (
        <div key={name} className="metric-tile">
          <dt>{name}</dt>
          <dd className="metric-value">{value}</dd>
          <dd className="hint">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
