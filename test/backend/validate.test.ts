import { expect } from '@open-wc/testing';
import {
  SupportError,
  checkContactInfo,
  checkSession,
  checkGrant,
  createDemoBackend,
  validateBackend,
  validateResponse,
  type SupportBackend,
  type SupportEvent,
} from '../../src/backend/index.js';
import { SEED_CONTACT } from '../../src/backend/fixtures/seed.js';

const grant = {
  id: 'g1',
  grantee: { kind: 'department', id: 'dep-support', name: 'Support' },
  dataExport: false,
  duration: '1h',
  grantedAt: '2026-11-25T10:00:00Z',
  endsAt: '2026-11-25T11:00:00.000+00:00',
  grantedBy: { id: 'u1', name: 'Anna Becker' },
  source: 'dialog',
  revokedAt: null,
  revokedBy: null,
};

describe('response validation', () => {
  it('turns ISO strings into Dates and keeps only known fields', () => {
    const checked = validateResponse('createGrant', checkGrant, { ...grant, extra: '<script>' });
    expect(checked.grantedAt).to.be.instanceOf(Date);
    expect(checked.endsAt!.toISOString()).to.equal('2026-11-25T11:00:00.000Z');
    expect(checked).not.to.have.property('extra');
  });

  const bad: [string, unknown, string][] = [
    ['a missing id', { ...grant, id: undefined }, 'id: expected a non-empty string'],
    ['an unknown duration', { ...grant, duration: '3h' }, 'duration: expected a grant duration'],
    ['a date without zone', { ...grant, grantedAt: '2026-11-25 10:00' }, 'grantedAt: expected an instant'],
    ['an invalid date', { ...grant, grantedAt: 'yesterday' }, 'grantedAt: expected an instant'],
    ['a permanent grant with an end', { ...grant, duration: 'permanent' }, 'null exactly for permanent'],
    ['an end before the start', { ...grant, endsAt: '2026-11-25T09:00:00Z' }, 'endsAt after grantedAt'],
    ['an unknown grantee kind', { ...grant, grantee: { kind: 'robot', id: 'x', name: 'x' } }, 'grantee.kind: expected one of employee, department'],
    ['not an object', 'grant', 'expected an object'],
    ['null', null, 'expected an object'],
  ];
  for (const [name, value, message] of bad) {
    it(`rejects ${name} as invalid-response naming the field`, () => {
      try {
        validateResponse('createGrant', checkGrant, value);
        expect.fail('should have thrown');
      } catch (error) {
        expect(error).to.be.instanceOf(SupportError);
        expect((error as SupportError).kind).to.equal('invalid-response');
        expect((error as SupportError).message).to.contain('createGrant').and.to.contain(message);
      }
    });
  }

  it('session.tenant.brandName is optional: the default names the right without a vendor', () => {
    const session = {
      tenant: { id: 't', name: 'kessler', label: 'Kessler GmbH' },
      user: { id: 'u', name: 'Anna', email: null, phone: null },
      rights: { unlockSupport: true },
    };
    const checked = validateResponse('getSession', checkSession, session);
    expect(checked.tenant.brandName).to.equal('');
    expect(checked.tenant.timeZone).to.equal('Europe/Berlin');
    expect(validateResponse('getSession', checkSession, { ...session, tenant: { ...session.tenant, brandName: 'Kessler' } }).tenant.brandName).to.equal('Kessler');
    expect(() => validateResponse('getSession', checkSession, { ...session, tenant: { ...session.tenant, brandName: 7 } })).to.throw('tenant.brandName');
  });

  it('accepts the seed contact data and rejects a bad phone number or time zone', () => {
    expect(validateResponse('getContactInfo', checkContactInfo, SEED_CONTACT).email).to.equal('support@onOffice.com');
    const badPhone = { ...SEED_CONTACT, directLines: [{ countries: ['DE'], display: 'x', e164: '0241' }] };
    expect(() => validateResponse('getContactInfo', checkContactInfo, badPhone)).to.throw('directLines[0].e164');
    const badZone = { ...SEED_CONTACT, supportHours: { ...SEED_CONTACT.supportHours, timeZone: 'Mars/Olympus' } };
    expect(() => validateResponse('getContactInfo', checkContactInfo, badZone)).to.throw('supportHours.timeZone');
  });

  it('validateBackend wraps every method, maps foreign errors and is idempotent', async () => {
    const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null });
    const broken: SupportBackend = {
      ...demo,
      listGrants: async () => [grant, { ...grant, id: '' }] as never,
      getTenantInfo: async () => {
        throw new TypeError('Failed to fetch');
      },
    };
    const api = validateBackend(broken);
    expect(validateBackend(api)).to.equal(api);
    const error = await api.listGrants().catch((e: unknown) => e);
    expect((error as SupportError).kind).to.equal('invalid-response');
    expect((error as SupportError).message).to.contain('[1].id');
    const network = await api.getTenantInfo().catch((e: unknown) => e);
    expect((network as SupportError).kind).to.equal('network');
    expect((await api.getSession()).user.name).to.equal('Anna Becker');
    demo.control.dispose();
  });

  it('drops live events that break the contract and passes the good ones', async () => {
    const listeners: ((e: SupportEvent) => void)[] = [];
    const fake = { subscribe: (l: (e: SupportEvent) => void) => listeners.push(l) } as unknown as SupportBackend;
    const received: SupportEvent[] = [];
    const originalWarn = console.warn;
    console.warn = () => {};
    try {
      validateBackend(fake).subscribe((e) => received.push(e), new AbortController().signal);
      listeners[0]!({ type: 'chat-typing', typing: 'yes' } as never);
      listeners[0]!({ type: 'chat-typing', typing: true, name: 'Lena' });
      listeners[0]!({ type: 'hack' } as never);
    } finally {
      console.warn = originalWarn;
    }
    expect(received).to.deep.equal([{ type: 'chat-typing', typing: true, name: 'Lena' }]);
  });
});
