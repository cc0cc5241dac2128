export const WINDOWS = [
  [60, '1m'],
  [900, '15m'],
  [3600, '1h'],
] as const;

/** Last 1 min / 15 min / 1 h. */
export function WindowPicker(p: {
  value: number;
  onChange: (sec: number) => void;
  testId: string;
}) {
  return (
    <fieldset className="segmented" aria-label="time window" data-testid={p.testId}>
      {WINDOWS.map(([sec, label]) => (
        <button
          key={sec}
          type="button"
          aria-pressed={p.value === sec}
          className={p.value === sec ? 'on' : ''}
          onClick={() => p.onChange(sec)}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
