import type { Application, PacketProtocol, WhatIfQuery } from '@netcanvas/model';
import { type FormEvent, useState } from 'react';
import { EndpointField } from './EndpointField.tsx';

const PROTOCOLS: readonly PacketProtocol[] = ['tcp', 'udp', 'sctp', 'icmp'];

/** Tracing on a controller the app is applied to, offered next to the model's trace. */
export interface RemoteTrace {
  /** the button's words, e.g. "Trace on lab-a" */
  readonly label: string;
  readonly busy: boolean;
  readonly onRun: (query: WhatIfQuery) => void;
}

interface Props {
  readonly app: Application;
  readonly onRun: (query: WhatIfQuery) => void;
  readonly onClear: () => void;
  readonly hasResult: boolean;
  readonly remote?: RemoteTrace | undefined;
}

/** The packet to trace: from, to, protocol and port. */
export function WhatIfForm({ app, onRun, onClear, hasResult, remote }: Props) {
  const endpoints = app.objects.filter((o) => o.kind === 'workload' || o.kind === 'loadBalancer');
  const workloads = endpoints.filter((o) => o.kind === 'workload');
  const [from, setFrom] = useState(workloads[0]?.id ?? '');
  const [to, setTo] = useState(workloads[1]?.id ?? workloads[0]?.id ?? '');
  const [protocol, setProtocol] = useState<PacketProtocol>('tcp');
  const [port, setPort] = useState('80');
  const portNumber = Number(port);
  const portOk =
    protocol === 'icmp' || (Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535);
  const ready = from !== '' && to !== '' && portOk;

  const query = (): WhatIfQuery => ({
    from,
    to,
    protocol,
    port: protocol === 'icmp' ? undefined : portNumber,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    onRun(query());
  };

  return (
    <form className="whatif-form" onSubmit={submit} data-testid="whatif-form">
      <EndpointField
        label="From"
        testId="whatif-from"
        endpoints={endpoints}
        value={from}
        onChange={setFrom}
      />
      <EndpointField
        label="To"
        testId="whatif-to"
        endpoints={endpoints}
        value={to}
        onChange={setTo}
      />
      <div className="field-row">
        <label className="field">
          <span className="field-label">Protocol</span>
          <select
            data-testid="whatif-protocol"
            value={protocol}
            onChange={(e) => setProtocol(e.target.value as PacketProtocol)}
          >
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Port</span>
          <input
            data-testid="whatif-port"
            className="mono"
            inputMode="numeric"
            value={protocol === 'icmp' ? '' : port}
            disabled={protocol === 'icmp'}
            aria-invalid={!portOk}
            onChange={(e) => setPort(e.target.value.trim())}
          />
        </label>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!ready}
          data-testid="whatif-run"
        >
          Trace packet
        </button>
        {remote && (
          <button
            type="button"
            className="btn"
            disabled={!ready || remote.busy}
            onClick={() => remote.onRun(query())}
            data-testid="whatif-run-remote"
          >
            {remote.busy ? 'Tracing…' : remote.label}
          </button>
        )}
        {hasResult && (
          <button type="button" className="btn btn-ghost" onClick={onClear}>
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
