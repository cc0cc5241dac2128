import { describe, expect, it } from 'vitest';
import { takeBlockedReason } from './take-rules.ts';

describe('who may take a snapshot, of what', () => {
  it('lets operators and admins snapshot an applied app', () => {
    expect(takeBlockedReason('operator', { name: 'sandbox' })).toBeUndefined();
    expect(takeBlockedReason('admin', { name: 'site-a' })).toBeUndefined();
  });

  it('tells viewers and designers that operators take them, as the server rules', () => {
    expect(takeBlockedReason('viewer', { name: 'sandbox' })).toMatch(
      /Operators and admins.*viewer/,
    );
    expect(takeBlockedReason('designer', { name: 'sandbox' })).toMatch(/designer access/);
  });

  it('says why an app applied nowhere cannot be snapshotted', () => {
    expect(takeBlockedReason('operator', undefined)).toMatch(
      /^Not applied anywhere: apply it first/,
    );
    expect(takeBlockedReason('operator', 'unknown')).toMatch(/Checking/);
  });
});
