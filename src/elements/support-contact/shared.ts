import type { Translator } from '../../internal/support-element.js';
import type { ContactViewMessages } from './contact-view.i18n.js';
import type { ContactSection, SupportContact } from './support-contact.js';
import type { SupportContactMessages } from './support-contact.i18n.js';

/**
 * What the lazily loaded view (contact-view.ts: the card's content and the rules behind it) reads of the element. The
 * element keeps the contact data (its resource, read at connect) and the frame.
 */
export interface ContactBridge {
  /** The element: its public properties and its resource. */
  readonly host: SupportContact;
  /** The element's strings and, once the view has loaded, the view's. */
  readonly t: Translator<SupportContactMessages & ContactViewMessages>;
  /** A document-unique prefix for ids. */
  readonly uid: string;
  /** Whether `sections` asks for `section`. */
  show(section: ContactSection): boolean;
}
