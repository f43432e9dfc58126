import { SupportContact } from './support-contact.js';

export { SupportContact };

SupportContact.define('support-contact');

declare global {
  interface HTMLElementTagNameMap {
    'support-contact': SupportContact;
  }
}
