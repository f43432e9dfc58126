import { expect } from '@open-wc/testing';
import { parsePhoneNumber, type PhoneParseResult, type PhoneProblem } from '../../src/core/index.js';

const ok = (e164: string, country: string | null): PhoneParseResult => ({ ok: true, e164, country });
const problem = (p: PhoneProblem): PhoneParseResult => ({ ok: false, problem: p });

describe('parsePhoneNumber', () => {
  const cases: { name: string; input: string; defaultCountry?: string; expected: PhoneParseResult }[] = [
    // Germany
    { name: 'DE international with spaces', input: '+49 241 446 86 122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE international without spaces', input: '+4924144686122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE with 0049', input: '0049 241 446 86 122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE national, default country DE', input: '0241 446 86 122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE national with slash and dash', input: '0241/446 86-122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE national with dots', input: '0241.44686.122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE with bracketed trunk zero "+49 (0)241"', input: '+49 (0)241 446 86 122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE with bracketed trunk zero, no space', input: '+49(0)241 44686122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE with bracketed trunk zero after 0049', input: '0049 (0)241 446 86 122', expected: ok('+4924144686122', 'DE') },
    { name: 'DE surrounded by spaces', input: '  +49 241 446 86 122  ', expected: ok('+4924144686122', 'DE') },
    { name: 'DE mobile +49 151', input: '+49 151 12345678', expected: ok('+4915112345678', 'DE') },
    { name: 'DE mobile national 0151', input: '0151 12345678', expected: ok('+4915112345678', 'DE') },
    { name: 'DE mobile national 0171 with dash', input: '0171-1234567', expected: ok('+491711234567', 'DE') },
    { name: 'DE shortest national number (6 digits)', input: '+49 30 1234', expected: ok('+49301234', 'DE') },
    { name: 'DE longest national number (13 digits, 15 in all)', input: '+49 1234 567890123', expected: ok('+491234567890123', 'DE') },
    { name: 'DE national, default country given in lower case', input: '0241 446 86 122', defaultCountry: 'de', expected: ok('+4924144686122', 'DE') },
    // Austria
    { name: 'AT "+43 (1) 3619857-60" (Vienna area code in brackets)', input: '+43 (1) 3619857-60', expected: ok('+431361985760', 'AT') },
    { name: 'AT national, default country AT', input: '01 3619857-60', defaultCountry: 'AT', expected: ok('+431361985760', 'AT') },
    { name: 'AT mobile with 0043', input: '0043 664 1234567', expected: ok('+436641234567', 'AT') },
    // Switzerland
    { name: 'CH international', input: '+41 31 511 27 92', expected: ok('+41315112792', 'CH') },
    { name: 'CH national, default country CH', input: '031 511 27 92', defaultCountry: 'CH', expected: ok('+41315112792', 'CH') },
    { name: 'CH national, default country ch', input: '031 511 27 92', defaultCountry: 'ch', expected: ok('+41315112792', 'CH') },
    // Elsewhere: general E.164 rules only
    { name: 'US', input: '+1 212 555 0100', expected: ok('+12125550100', null) },
    { name: 'US with brackets and dash', input: '+1 (212) 555-0100', expected: ok('+12125550100', null) },
    { name: 'UK', input: '+44 20 7946 0958', expected: ok('+442079460958', null) },
    { name: 'UK with 0044', input: '0044 20 7946 0958', expected: ok('+442079460958', null) },
    { name: 'Italy keeps its leading zero (no trunk-zero rule outside DE/AT/CH)', input: '+39 06 1234 5678', expected: ok('+390612345678', null) },
    { name: 'international freephone +800 (assigned)', input: '+800 1234 5678', expected: ok('+80012345678', null) },
    { name: 'exactly 7 digits', input: '+1 234567', expected: ok('+1234567', null) },
    { name: 'exactly 15 digits', input: '+1 23456789012345', expected: ok('+123456789012345', null) },

    // Invalid
    { name: 'empty', input: '', expected: problem('empty') },
    { name: 'only spaces', input: '   ', expected: problem('empty') },
    { name: 'letters', input: 'call me', expected: problem('characters') },
    { name: 'letters after a number', input: '+49 241 446 86 122 ext. 5', expected: problem('characters') },
    { name: 'two plus signs in front', input: '++49 241 446 86 122', expected: problem('characters') },
    { name: 'a second plus sign inside', input: '+49 +241 446 86 122', expected: problem('characters') },
    { name: 'a plus sign not in front', input: '49+241 446 86 122', expected: problem('characters') },
    { name: 'only punctuation', input: '---', expected: problem('too-short') },
    { name: 'only a plus sign', input: '+', expected: problem('too-short') },
    { name: 'too short overall (+49 241)', input: '+49 241', expected: problem('too-short') },
    { name: 'DE national number of 5 digits', input: '+49 30 123', expected: problem('too-short') },
    { name: 'too long (18 digits)', input: '+49 241 446 86 122 456 78', expected: problem('too-long') },
    { name: 'too long (16 digits)', input: '+1 234567890123456', expected: problem('too-long') },
    { name: 'DE trunk zero after the country code', input: '+49 0241 446 86 122', expected: problem('trunk-zero') },
    { name: 'DE trunk zero after 0049', input: '0049 0241 446 86 122', expected: problem('trunk-zero') },
    { name: 'AT trunk zero after the country code', input: '+43 01 3619857-60', expected: problem('trunk-zero') },
    { name: 'CH trunk zero after the country code', input: '+41 031 511 27 92', expected: problem('trunk-zero') },
    { name: 'CH with 8 national digits', input: '+41 31 511 27 9', expected: problem('too-short') },
    { name: 'CH with 10 national digits', input: '+41 31 511 27 922', expected: problem('too-long') },
    { name: 'unassigned country code +28', input: '+28 1234 5678', expected: problem('country') },
    { name: 'unassigned country code +0', input: '+0 1234 5678', expected: problem('country') },
    { name: 'unassigned country code +805', input: '+805 1234 5678', expected: problem('country') },
    { name: 'unassigned country code +999', input: '+999 1234 5678', expected: problem('country') },
    { name: 'national number, default country US (not supported)', input: '0241 446 86 122', defaultCountry: 'US', expected: problem('country') },
    { name: 'national number, default country FR (not supported)', input: '01 23 45 67 89', defaultCountry: 'FR', expected: problem('country') },
    { name: 'neither international nor national (no leading 0 or +)', input: '241 446 86 122', expected: problem('country') },
  ];

  for (const c of cases) {
    it(`${c.name}: ${JSON.stringify(c.input)}`, () => {
      const result = c.defaultCountry === undefined ? parsePhoneNumber(c.input) : parsePhoneNumber(c.input, c.defaultCountry);
      expect(result).to.deep.equal(c.expected);
    });
  }
});
