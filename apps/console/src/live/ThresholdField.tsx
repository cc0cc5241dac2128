import { useState } from 'react';
import type { ThresholdSource } from './thresholds.ts';

interface Props {
  readonly limitBps: number | undefined;
  readonly onSet: (bps: number | undefined) => void;
  readonly testId: string;
  /** where the limit is kept and checked */
  readonly source: ThresholdSource;
  /** why the last change did not happen */
  readonly error: string | undefined;
}

/** Alert above N Mb/s; empty clears it. */
export function ThresholdField({ limitBps, onSet, testId, source, error }: Props) {
  const [text, setText] = useState(limitBps === undefined ? '' : String(limitBps / 1e6));
  const submit = () => {
    const v = Number.parseFloat(text);
    onSet(text.trim() === '' || !Number.isFinite(v) ? undefined : v * 1e6);
  };
  return (
    <form
      className="threshold"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>
        Alert above
        <input
          data-testid={`${testId}-input`}
          inputMode="decimal"
          placeholder="—"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        Mb/s
      </label>
      <button type="submit" className="btn btn-small" data-testid={`${testId}-set`}>
        {limitBps === undefined ? 'Set' : 'Update'}
      </button>
      <span className="muted threshold-where" data-testid={`${testId}-source`}>
        {source === 'server'
          ? 'checked by the server, alerts in the event stream'
          : 'kept in this browser only'}
      </span>
      {error && (
        <span className="threshold-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </form>
  );
}
