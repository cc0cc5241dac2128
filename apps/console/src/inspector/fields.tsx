import { deepEqual } from '@netcanvas/model';
import { useEffect, useRef, useState } from 'react';
import { Field } from './Field.tsx';
import { getIn, type Path, pathKey } from './form.ts';
import { useObjectForm } from './useObjectForm.ts';

interface Base {
  readonly label: string;
  readonly path: Path;
  readonly wide?: boolean;
}

interface TextProps extends Base {
  readonly placeholder?: string | undefined;
  readonly mono?: boolean;
  /** an empty field removes the value instead of storing "" */
  readonly optional?: boolean;
}

/** A text input bound to a string field. */
export function TextField({ label, path, placeholder, mono, optional, wide }: TextProps) {
  const { object, set, seal } = useObjectForm();
  const value = getIn(object, path);
  return (
    <Field label={label} path={path} wide={wide}>
      <input
        data-testid={`field-${pathKey(path)}`}
        className={mono ? 'mono' : undefined}
        value={typeof value === 'string' ? value : ''}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => set(path, optional && e.target.value === '' ? undefined : e.target.value)}
        onBlur={seal}
      />
    </Field>
  );
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface ParsedProps<T> extends Base {
  readonly format: (value: T | undefined) => string;
  readonly parse: (text: string) => Parsed<T>;
  readonly placeholder?: string | undefined;
  readonly mono?: boolean;
}

/** A text input for a value that is not a plain string: keeps what is typed until it parses. */
export function ParsedField<T>({
  label,
  path,
  format,
  parse,
  placeholder,
  mono,
  wide,
}: ParsedProps<T>) {
  const { object, set, seal } = useObjectForm();
  const value = getIn(object, path) as T | undefined;
  const [text, setText] = useState(() => format(value));
  const parsed = parse(text);
  const codec = useRef({ parse, format });
  codec.current = { parse, format };
  // re-sync when the document changes (undo, another panel), keeping text that means the same
  useEffect(() => {
    setText((t) => {
      const p = codec.current.parse(t);
      return p.ok && deepEqual(p.value, value) ? t : codec.current.format(value);
    });
  }, [value]);
  return (
    <Field label={label} path={path} local={parsed.ok ? undefined : parsed.message} wide={wide}>
      <input
        data-testid={`field-${pathKey(path)}`}
        className={mono ? 'mono' : undefined}
        value={text}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const p = parse(e.target.value);
          if (p.ok) set(path, p.value);
        }}
        onBlur={seal}
      />
    </Field>
  );
}

const parseNumber = (text: string): Parsed<number | undefined> => {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const n = Number(t);
  return Number.isFinite(n)
    ? { ok: true, value: n }
    : { ok: false, message: `"${t}" is not a number` };
};

/** A number input; empty removes the value. */
export function NumberField(props: Base & { readonly placeholder?: string }) {
  return (
    <ParsedField<number | undefined>
      {...props}
      mono
      format={(v) => (v === undefined ? '' : String(v))}
      parse={parseNumber}
    />
  );
}

/** Comma-separated strings (tags, CIDRs, exclusions). */
export function ListField(
  props: Base & { readonly placeholder?: string; readonly mono?: boolean },
) {
  return (
    <ParsedField<string[] | undefined>
      {...props}
      format={(v) => (v ?? []).join(', ')}
      parse={(t) => {
        const items = t
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return { ok: true, value: items.length ? items : undefined };
      }}
    />
  );
}

interface SelectProps extends Base {
  readonly options: readonly (readonly [value: string, label: string])[];
  /** offer "none", which removes the value */
  readonly none?: string;
}

/** A select bound to a string field. */
export function SelectField({ label, path, options, none, wide }: SelectProps) {
  const { object, set, seal } = useObjectForm();
  const value = getIn(object, path);
  return (
    <Field label={label} path={path} wide={wide}>
      <select
        data-testid={`field-${pathKey(path)}`}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => {
          set(path, e.target.value === '' ? undefined : e.target.value);
          seal();
        }}
      >
        {none !== undefined && <option value="">{none}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox bound to a boolean field. */
export function CheckField({ label, path }: Base) {
  const { object, set, seal } = useObjectForm();
  return (
    <label className="check">
      <input
        type="checkbox"
        data-testid={`field-${pathKey(path)}`}
        checked={getIn(object, path) === true}
        onChange={(e) => {
          set(path, e.target.checked);
          seal();
        }}
      />
      {label}
    </label>
  );
}
