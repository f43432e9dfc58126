import { expect } from '@open-wc/testing';
import { grantEndsAt } from '../../src/core/index.js';

describe('grantEndsAt', () => {
  it('adds one hour', () => {
    expect(grantEndsAt('1h', new Date('2026-11-25T10:00:00Z'))?.toISOString()).to.equal('2026-11-25T11:00:00.000Z');
  });
});
