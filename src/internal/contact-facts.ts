import { checkContactInfo } from '../backend/contract-schema.js';
import { ValidationError } from '../backend/schema.js';
import type { ContactInfo } from '../core/types.js';
import type { Resource } from './resource.js';

/**
 * Where the contact facts on screen come from, best first: `fresh` (the backend answered), `cached` (the last known
 * answer — from IndexedDB through a caching backend, or the one this element had before a refresh failed), `fallback`
 * (the host's `fallbackContact`). A phone number must not vanish when the backend does.
 */
export type ContactSource = 'fresh' | 'cached' | 'fallback';

export interface ContactFacts {
  readonly info: ContactInfo;
  readonly source: ContactSource;
}

/** The contact facts to show: the resource's value (fresh or cached) wins over the host-supplied `fallback`. */
export function contactFacts(resource: Resource<ContactInfo>, fallback: ContactInfo | undefined): ContactFacts | undefined {
  const value = resource.value;
  if (value !== undefined) return { info: value, source: resource.state === 'fresh' ? 'fresh' : 'cached' };
  return fallback ? { info: fallback, source: 'fallback' } : undefined;
}

/**
 * A host's `fallbackContact`, checked like adapter data (the contract's `getContactInfo` rules) once per value: a
 * value that breaks them is ignored with one console warning that names the field, expected and received value.
 */
export class FallbackContact {
  #source: unknown = undefined;
  #value: ContactInfo | undefined = undefined;

  constructor(private readonly owner: string) {}

  read(source: unknown): ContactInfo | undefined {
    if (source === this.#source) return this.#value;
    this.#source = source;
    this.#value = undefined;
    if (source === undefined || source === null) return undefined;
    try {
      this.#value = checkContactInfo(source, 'fallbackContact');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      console.warn(`support-widgets: <${this.owner}> ignores its fallbackContact: ${error.message}`);
    }
    return this.#value;
  }
}
