import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OvsdbError } from './errors.ts';
import { type ColumnType, parseDatabaseSchema } from './schema.ts';
import {
  decodeRow,
  decodeValue,
  encodeRow,
  encodeValue,
  namedUuid,
  type Uuid,
  uuid,
  valuesEqual,
} from './values.ts';

const schema = parseDatabaseSchema(
  JSON.parse(await readFile('/usr/share/ovn/ovn-nb.ovsschema', 'utf8')),
);
const U1 = uuid('0b6a5b9e-6c43-4d2f-9b6e-0d6b1c2f3a4b');

describe('value encoding', () => {
  it('encodes a NB row into the wire forms of RFC 7047', () => {
    expect(
      encodeRow(schema, 'Logical_Switch_Port', {
        name: 'p1',
        addresses: ['00:00:00:00:00:01 10.0.0.1'],
        options: { requested_chassis: 'hv1' },
        tag_request: 5,
        dhcpv4_options: U1,
        ha_chassis_group: null,
        enabled: undefined,
        _uuid: U1,
      }),
    ).toEqual({
      name: 'p1',
      addresses: ['set', ['00:00:00:00:00:01 10.0.0.1']],
      options: ['map', [['requested_chassis', 'hv1']]],
      tag_request: 5,
      dhcpv4_options: ['uuid', U1],
      ha_chassis_group: ['set', []],
    });
  });

  it('encodes uuid-names as named-uuid and rejects anything else', () => {
    const ports: ColumnType = { key: { type: 'uuid' }, min: 0, max: Infinity };
    expect(encodeValue([namedUuid('p1'), U1], ports)).toEqual([
      'set',
      [
        ['named-uuid', 'p1'],
        ['uuid', U1],
      ],
    ]);
    expect(() => namedUuid('not-an-id')).toThrow(OvsdbError);
    expect(() => encodeValue(['x y'], ports)).toThrow(/uuid/);
  });

  it('decodes the single-atom and set forms of a set to the same array', () => {
    const type = schema.tables.Logical_Switch_Port?.columns.addresses?.type as ColumnType;
    expect(decodeValue('a', type)).toEqual(['a']);
    expect(decodeValue(['set', ['a', 'b']], type)).toEqual(['a', 'b']);
    expect(decodeValue(['set', []], type)).toEqual([]);
  });

  it('decodes optional scalars to a value or null, and non-string maps to a Map', () => {
    const optional = schema.tables.Logical_Switch_Port?.columns.tag_request?.type as ColumnType;
    expect(decodeValue(['set', []], optional)).toBeNull();
    expect(decodeValue(7, optional)).toBe(7);
    const intMap: ColumnType = {
      key: { type: 'integer' },
      value: { type: 'uuid' },
      min: 0,
      max: Infinity,
    };
    const decoded = decodeValue(['map', [[1, ['uuid', U1]]]], intMap);
    expect(decoded).toEqual(new Map([[1, U1]]));
    expect(encodeValue(decoded, intMap)).toEqual(['map', [[1, ['uuid', U1]]]]);
  });

  it('rejects wire values that do not fit the column type', () => {
    const type = schema.tables.Logical_Switch?.columns.name?.type as ColumnType;
    expect(() => decodeValue(['set', ['a', 'b']], type)).toThrow(OvsdbError);
    expect(() => decodeValue(3, type)).toThrow(/expected a string/);
    expect(() => decodeRow(schema, 'Logical_Switch', { nope: 1 })).toThrow(/not in schema/);
  });

  it('round-trips any value through encode and decode for every NB column', () => {
    const columns = Object.entries(schema.tables).flatMap(([table, t]) =>
      Object.keys(t.columns).map((column) => [table, column] as const),
    );
    const atom = (kind: string) =>
      kind === 'integer'
        ? fc.integer()
        : kind === 'real'
          ? fc.double({ noNaN: true, noDefaultInfinity: true })
          : kind === 'boolean'
            ? fc.boolean()
            : kind === 'uuid'
              ? fc.uuid().map((u) => u as Uuid)
              : fc.string();
    fc.assert(
      fc.property(fc.constantFrom(...columns), fc.nat(), ([table, column], seed) => {
        const type = schema.tables[table]?.columns[column]?.type as ColumnType;
        const sample =
          fc.sample(
            fc.array(fc.tuple(atom(type.key.type), atom(type.value?.type ?? 'string')), {
              maxLength: 4,
            }),
            { seed, numRuns: 1 },
          )[0] ?? [];
        const keys = [...new Set(sample.map(([k]) => k))];
        const value =
          type.value !== undefined
            ? type.key.type === 'string'
              ? Object.fromEntries(sample)
              : new Map(sample)
            : type.min === 1 && type.max === 1
              ? (keys[0] ?? (type.key.type === 'string' ? '' : 0))
              : type.max === 1
                ? (keys[0] ?? null)
                : keys;
        if (type.min === 1 && type.max === 1 && keys[0] === undefined && type.key.type !== 'string')
          return;
        const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(value, type))), type);
        expect(valuesEqual(decoded, value as never)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
