import { useState } from 'react';

interface Props {
  readonly limitBps: number | undefined;
  readonly onSet: (bps: number | undefined) => void;
  readonly testId: string;
}

/** Alert above N Mb/s; empty clears it. */
export function ThresholdField({ limitBps, onSet, testId }: Props) {
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
    </form>
  );
}
