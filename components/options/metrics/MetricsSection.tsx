import { useEffect, useId, useState } from 'react';
import type { MetricsReport } from '../../../lib/schemas/metrics';
import { ErrorLine } from '../../ui/Said';
import { askMetrics, type LoadMetrics } from './ask-metrics';
import { BreakdownTable } from './BreakdownTable';
import { CalibrationView } from './CalibrationView';
import { HeadlineRates } from './HeadlineRates';

const WINDOWS = [1, 4, 12, 26] as const;
const BREAKDOWNS = {
  byActionType: 'action type',
  byAgent: 'agent',
  byReviewer: 'reviewer',
  byWeek: 'week',
} as const;
type Breakdown = keyof typeof BREAKDOWNS;

interface Props {
  /** Fills a recommended auto threshold into the policy editor, unsaved. */
  onUseThreshold(actionType: string, auto: number): void;
  load?: LoadMetrics;
}

interface Answer {
  weeks: number;
  report: MetricsReport | null;
  error: string | null;
}

/** The admin's metrics over the last weeks: headline rates, breakdowns, calibration and threshold recommendations. */
export function MetricsSection({ onUseThreshold, load = askMetrics }: Props) {
  const [weeks, setWeeks] = useState<number>(4);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [breakdown, setBreakdown] = useState<Breakdown>('byActionType');
  const [round, setRound] = useState(0);
  const windowId = useId();
  const breakdownId = useId();

  useEffect(() => {
    let current = true;
    void load({ weeks }).then((reply) => {
      if (!current) return;
      setAnswer(reply.ok ? { weeks, report: reply.data, error: null } : { weeks, report: null, error: reply.error });
    });
    return () => {
      current = false;
    };
  }, [load, weeks, round]);

  const loading = answer?.weeks !== weeks;
  const report = loading ? null : answer.report;
  return (
    <section className="section" aria-labelledby="metrics-title" aria-busy={loading}>
      <h2 id="metrics-title">Metrics</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={windowId}>Window</label>
          <select id={windowId} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w === 1 ? 'The last week' : `The last ${w} weeks`}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" onClick={() => setRound((r) => r + 1)}>
          Refresh
        </button>
      </div>
      {loading ? (
        <p role="status" aria-busy="true">
          Loading the metrics…
        </p>
      ) : null}
      <ErrorLine text={!loading && answer.error ? `Could not load the metrics: ${answer.error}` : null} />
      {report && report.overall.proposals === 0 ? (
        <p className="muted">No proposals in this window: nothing to measure yet.</p>
      ) : null}
      {report && report.overall.proposals !== 0 ? (
        <>
          <p className="muted">
            Proposals from {report.window.from.slice(0, 10)} to {report.window.to.slice(0, 10)}, and every decision on
            them.
          </p>
          <HeadlineRates all={report.overall} />
          <h3>Breakdown</h3>
          <div className="field">
            <label htmlFor={breakdownId}>Break down by</label>
            <select id={breakdownId} value={breakdown} onChange={(e) => setBreakdown(e.target.value as Breakdown)}>
              {Object.entries(BREAKDOWNS).map(([key, name]) => (
                <option key={key} value={key}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <BreakdownTable
            caption={`Per ${BREAKDOWNS[breakdown]}`}
            rows={report[breakdown]}
            types={breakdown === 'byActionType'}
          />
          <h3>Calibration and thresholds</h3>
          <p className="hint">
            For items people decided: how often they approved them unchanged, by the AI&apos;s confidence. A threshold
            is recommended where at least {Math.round(report.targetApproval * 100)} % of at least {report.minSamples}{' '}
            items at or above it were approved unchanged. Nothing changes until you save the policy.
          </p>
          {report.calibration.map((c) => (
            <CalibrationView
              key={c.actionType}
              calibration={c}
              targetApproval={report.targetApproval}
              onUse={onUseThreshold}
            />
          ))}
        </>
      ) : null}
    </section>
  );
}
