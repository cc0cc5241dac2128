import { describe, expect, it } from 'vitest';
import { checkAppName, checkImport, isValid, suggestId } from './app-form.ts';

describe('new and imported application names', () => {
  it('suggests a URL-safe id from the name', () => {
    expect(suggestId('Web Shop (prod)')).toBe('web-shop-prod');
    expect(suggestId('  Café Ünïcode  ')).toBe('cafe-unicode');
    expect(suggestId('x'.repeat(80))).toHaveLength(63);
  });

  it('accepts a good name and id', () => {
    expect(isValid(checkAppName({ name: 'Web shop', id: 'web-shop' }, ['crm']))).toBe(true);
  });

  it('says what is wrong with each field', () => {
    expect(checkAppName({ name: ' ', id: '' }, [])).toEqual({
      name: 'Give the application a name.',
      id: 'Give the application an id.',
    });
    expect(checkAppName({ name: 'a', id: '-web' }, []).id).toMatch(/starting with a letter/);
    expect(checkAppName({ name: 'a', id: 'web shop' }, []).id).toMatch(/letters, digits/);
    expect(checkAppName({ name: 'a', id: 'crm' }, ['crm']).id).toBe(
      'This tenant already has an application "crm".',
    );
  });

  it('refuses an import with no controller picked, or onto an existing id', () => {
    const errors = checkImport({ name: 'Legacy', id: 'crm', controllerId: undefined }, ['crm']);
    expect(errors.controller).toBe('Pick the controller to import from.');
    expect(errors.id).toMatch(/already has/);
    expect(isValid(checkImport({ name: 'Legacy', id: 'legacy', controllerId: 2 }, ['crm']))).toBe(
      true,
    );
  });
});
