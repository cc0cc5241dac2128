import type { WhatIfResult } from '@netcanvas/model';
import type { ReactElement } from 'react';

const HOP_LABEL: Record<WhatIfResult['hops'][number]['kind'], string> = {
  workload: 'workload',
  switch: 'switch',
  router: 'router',
  'load-balancer': 'load balancer',
  nat: 'NAT',
  firewall: 'firewall',
  uplink: 'uplink',
  external: 'outside',
};

interface Props {
  readonly result: WhatIfResult;
  readonly onPick: (objectId: string) => void;
  /** who answered: "ovn-trace on lab-a", "design model" */
  readonly source?: string;
}

/** The verdict, the rule that decided it and the hops, top to bottom. */
export function WhatIfResultView({ result, onPick, source }: Props): ReactElement {
  const delivered = result.verdict === 'delivered';
  const rule = result.decidingRule;
  return (
    <div className="whatif-result">
      {source && (
        <div className="trace-source" data-testid="whatif-source">
          Answered by <strong>{source}</strong>
        </div>
      )}
      <div
        className={delivered ? 'verdict verdict-ok' : 'verdict verdict-drop'}
        data-testid="whatif-verdict"
        data-verdict={result.verdict}
      >
        <svg className="verdict-icon" viewBox="0 0 16 16" aria-hidden="true">
          {delivered ? <path d="m3.5 8.5 3 3 6-7" /> : <path d="M4 4l8 8M12 4l-8 8" />}
        </svg>
        <span>
          <strong className="verdict-title">{delivered ? 'Delivered' : 'Dropped'}</strong>
          <span className="verdict-reason">{result.reason}</span>
        </span>
      </div>
      {rule && (
        <div className="deciding-rule" data-testid="whatif-rule">
          <span className="field-label">Deciding rule</span>
          <span className="rule-name">{rule.ruleName ?? rule.ruleId}</span>
          <span className="rule-meta">
            <span className={`action action-${rule.action}`}>{rule.action}</span>
            {rule.direction} · policy {rule.policyName}
          </span>
        </div>
      )}
      <ol className="hops" data-testid="whatif-hops">
        {result.hops.map((hop, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a path may pass one object twice
            key={i}
            className={`hop hop-${hop.kind}`}
          >
            <span className="hop-dot" />
            <button
              type="button"
              className="hop-body"
              disabled={!hop.objectId}
              onClick={() => hop.objectId && onPick(hop.objectId)}
            >
              <span className="hop-title">
                <span className="hop-name">{hop.name}</span>
                <span className="hop-kind">{HOP_LABEL[hop.kind]}</span>
              </span>
              <span className="hop-detail mono">{hop.detail}</span>
            </button>
          </li>
        ))}
        {!delivered && (
          <li className="hop hop-end">
            <span className="hop-dot" />
            <span className="hop-body">
              <span className="hop-name">dropped here</span>
            </span>
          </li>
        )}
      </ol>
    </div>
  );
}
