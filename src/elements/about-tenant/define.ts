import { AboutTenant } from './about-tenant.js';

export { AboutTenant };

AboutTenant.define('about-tenant');

declare global {
  interface HTMLElementTagNameMap {
    'about-tenant': AboutTenant;
  }
}
