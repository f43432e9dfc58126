import { expect } from '@open-wc/testing';
import { grantEndsAt, supportStatus, DEFAULT_SUPPORT_HOURS } from '../../src/core/index.js';

// This file runs in a Chromium whose own zone is America/New_York: the rules must still follow Berlin.
describe('core rules in a browser running in America/New_York', () => {
  it('really runs in New York', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
  });

  it('"today" still ends at midnight Berlin, not New York', () => {
    // 2026-11-25 10:00 Berlin = 04:00 New York
    expect(grantEndsAt('today', new Date('2026-11-25T09:00:00Z'))?.toISOString()).to.equal('2026-11-25T22:59:59.999Z');
  });

  it('support opens at 09:00 Berlin = 03:00 New York', () => {
    const status = supportStatus(DEFAULT_SUPPORT_HOURS, new Date('2026-11-25T07:00:00Z'));
    expect(status).to.deep.equal({ open: false, opensAt: new Date('2026-11-25T08:00:00Z') });
  });
});
