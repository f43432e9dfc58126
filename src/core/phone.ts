/**
 * Phone numbers for callbacks: normalised to E.164. Accepts international input (`+49 241 446 86 122`,
 * `0049 241 …`, `+49 (0)241 …`) and national input for the default country (`0241 446 86 122` in Germany).
 * Germany, Austria and Switzerland get their national length rules; other countries the general E.164 rules.
 */
export type PhoneProblem = 'empty' | 'characters' | 'country' | 'trunk-zero' | 'too-short' | 'too-long';

export type PhoneParseResult =
  | { readonly ok: true; readonly e164: string; readonly country: string | null }
  | { readonly ok: false; readonly problem: PhoneProblem };

interface CountryRule {
  readonly code: string;
  readonly country: string;
  /** Digits after the country code. */
  readonly min: number;
  readonly max: number;
}

const COUNTRY_RULES: readonly CountryRule[] = [
  { code: '49', country: 'DE', min: 6, max: 13 },
  { code: '43', country: 'AT', min: 4, max: 13 },
  { code: '41', country: 'CH', min: 9, max: 9 },
];

/**
 * Country calling codes (ITU E.164) that are not assigned and therefore reject a number. (800 and 808, the
 * international freephone and shared-cost codes, are assigned; 801–807 and 809 are not.)
 */
const UNASSIGNED_PREFIXES = ['0', '28', '83', '89', '210', '214', '215', '217', '219', '259', '292', '293', '295', '296', '384', '422', '424', '425', '426', '427', '428', '429', '671', '684', '693', '694', '695', '696', '697', '698', '699', '801', '802', '803', '804', '805', '806', '807', '809', '851', '854', '857', '858', '859', '871', '872', '873', '874', '875', '876', '877', '879', '884', '885', '887', '889', '890', '891', '892', '893', '894', '895', '896', '897', '898', '899', '969', '978', '990', '997', '999'];

const CALLING_CODES: Readonly<Record<string, string>> = { DE: '49', AT: '43', CH: '41' };

export function parsePhoneNumber(input: string, defaultCountry = 'DE'): PhoneParseResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (!/^[+\d\s()./-]+$/.test(trimmed)) return { ok: false, problem: 'characters' };
  if ((trimmed.match(/\+/g) ?? []).length > 1 || (trimmed.includes('+') && !trimmed.startsWith('+'))) {
    return { ok: false, problem: 'characters' };
  }
  // "+49 (0)241", "0049 (0)241": the bracketed trunk zero is not dialled internationally.
  const withoutTrunk = trimmed.replace(/^((?:\+|00)\d{1,3})\s*\(0\)/, '$1');
  const digits = withoutTrunk.replace(/\D/g, '');
  if (digits === '') return { ok: false, problem: 'too-short' };
  let international: string;
  if (withoutTrunk.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('0')) {
    const code = CALLING_CODES[defaultCountry.toUpperCase()];
    if (!code) return { ok: false, problem: 'country' };
    international = code + digits.slice(1);
  } else return { ok: false, problem: 'country' };

  if (international.length < 7) return { ok: false, problem: 'too-short' };
  if (international.length > 15) return { ok: false, problem: 'too-long' };
  if (UNASSIGNED_PREFIXES.some((prefix) => international.startsWith(prefix))) return { ok: false, problem: 'country' };

  const rule = COUNTRY_RULES.find((r) => international.startsWith(r.code));
  if (rule) {
    const national = international.slice(rule.code.length);
    if (national.startsWith('0')) return { ok: false, problem: 'trunk-zero' };
    if (national.length < rule.min) return { ok: false, problem: 'too-short' };
    if (national.length > rule.max) return { ok: false, problem: 'too-long' };
  }
  return { ok: true, e164: `+${international}`, country: rule?.country ?? null };
}
