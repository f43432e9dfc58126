/**
 * The domain model of support-widgets. Pure data: no DOM, no I/O. Instants are `Date`s; calendar days are
 * ISO strings (`2026-12-24`); money is in minor units (cents) with an ISO 4217 currency.
 */

import type { AttachmentType } from './attachments.js';

/** A text a backend may supply in several languages (`{ de: '…', en: '…' }`) or as one plain string. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** An ISO calendar day such as `2026-12-24`. */
export type IsoDay = string;

/** Wall-clock time of day, `HH:mm` (24 h). */
export type WallTime = string;

export interface Money {
  /** Amount in minor units (cents): 595 = 5.95. */
  readonly amountMinor: number;
  /** ISO 4217 code, e.g. `EUR`. */
  readonly currency: string;
}

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------- session, tenant

export interface Tenant {
  readonly id: string;
  /** The Mandantenname: what users type into the "customer" field at login and quote to support. */
  readonly name: string;
  /** The tenant's label (Bezeichnung), usually the company name. */
  readonly label: string;
  /** IANA zone whose calendar the tenant lives by ("today" grants, holidays). Default `Europe/Berlin`. */
  readonly timeZone: string;
  /**
   * The vendor's name as the product's wording uses it, e.g. `onOffice` in the right "Darf den onOffice
   * Supportbenutzer freischalten". Optional in the contract (default `''`: the right is then named without it), so
   * another host can rename it. (`TenantInfo.productName` is the full product, e.g. "onOffice enterprise".)
   */
  readonly brandName: string;
}

export interface SessionUser extends PersonRef {
  readonly email: string | null;
  /** Phone number to call back, when known (E.164 preferred). */
  readonly phone: string | null;
}

export interface UserRights {
  /** The administrative right "may unlock the support user" (Darf den [brandName] Supportbenutzer freischalten). */
  readonly unlockSupport: boolean;
}

export interface Session {
  readonly tenant: Tenant;
  readonly user: SessionUser;
  readonly rights: UserRights;
}

/** The facts of Help → About. */
export interface TenantInfo {
  /** Mandantenname. */
  readonly tenantName: string;
  /** Bezeichnung. */
  readonly tenantLabel: string;
  readonly productName: string;
  readonly version: string;
  readonly build: string | null;
  readonly releasedAt: Date | null;
  readonly edition: string | null;
  readonly customerNumber: string | null;
}

// ---------------------------------------------------------------------------------------------- contact

/** ISO 3166-1 alpha-2, e.g. `DE`. */
export type CountryCode = string;

export interface PhoneLine {
  /** Countries this number serves. */
  readonly countries: readonly CountryCode[];
  /** As printed, e.g. `+49 241 446 86 122`. */
  readonly display: string;
  /** E.164 for `tel:` links, e.g. `+4924144686122`. */
  readonly e164: string;
}

/** Weekly opening hours in one zone, with closed days supplied as data. */
export interface SupportHours {
  readonly timeZone: string;
  /** ISO weekdays that are open: 1 = Monday … 7 = Sunday. */
  readonly weekdays: readonly number[];
  readonly opens: WallTime;
  readonly closes: WallTime;
  /** Closed days (public holidays) in `timeZone`'s calendar. */
  readonly holidays: readonly IsoDay[];
}

export type HotlineTierId = 'day' | 'night';

export interface HotlineTier {
  readonly id: HotlineTierId;
  /** Start of the tier, wall time in the hotline's zone. A tier may wrap midnight (`22:00`–`07:30`). */
  readonly from: WallTime;
  readonly to: WallTime;
  /** Guaranteed response time. */
  readonly responseHours: number;
}

export interface HotlinePricing {
  readonly pricePerBlock: Money;
  readonly blockMinutes: number;
  /** Countries whose calls are billed this way. */
  readonly appliesTo: readonly CountryCode[];
}

export interface EmergencyHotline {
  readonly lines: readonly PhoneLine[];
  readonly timeZone: string;
  /** Every day of the week; together they cover the whole day. */
  readonly tiers: readonly HotlineTier[];
  readonly pricing: HotlinePricing;
}

export interface ContactInfo {
  readonly email: string;
  readonly directLines: readonly PhoneLine[];
  readonly supportHours: SupportHours;
  readonly hotline: EmergencyHotline;
}

// ---------------------------------------------------------------------------------------------- staff and grants

export interface SupportDepartment extends PersonRef {}

export interface SupportEmployee extends PersonRef {
  readonly department: PersonRef;
}

export type Grantee =
  | { readonly kind: 'employee'; readonly id: string; readonly name: string; readonly department: PersonRef }
  | { readonly kind: 'department'; readonly id: string; readonly name: string };

export interface StaffSearchResult {
  readonly employees: readonly SupportEmployee[];
  readonly departments: readonly SupportDepartment[];
}

export type GrantDuration = '1h' | '2h' | '4h' | 'today' | '1w' | '2w' | '1m' | 'permanent';

export interface Grant {
  readonly id: string;
  readonly grantee: Grantee;
  readonly dataExport: boolean;
  readonly duration: GrantDuration;
  readonly grantedAt: Date;
  /** `null` for permanent grants. */
  readonly endsAt: Date | null;
  /** The customer's user who granted it. */
  readonly grantedBy: PersonRef;
  /** How it came about: the dialog, or a confirmed unlock link. */
  readonly source: 'dialog' | 'unlock-link';
  readonly revokedAt: Date | null;
  readonly revokedBy: PersonRef | null;
}

export interface GrantInput {
  readonly grantee: { readonly kind: 'employee' | 'department'; readonly id: string };
  readonly dataExport: boolean;
  readonly duration: GrantDuration;
}

export type GrantStatus =
  | { readonly kind: 'active'; readonly endsAt: Date | null; /** `null` = permanent */ readonly remainingMs: number | null }
  | { readonly kind: 'expired'; readonly endedAt: Date }
  | { readonly kind: 'revoked'; readonly at: Date; readonly by: PersonRef | null };

export interface SupportLogin {
  readonly id: string;
  readonly employee: SupportEmployee;
  readonly startedAt: Date;
  /** `null` while the employee is still logged in. */
  readonly endedAt: Date | null;
  /** The reason the employee stated. */
  readonly reason: string;
  /** The grant the login used. */
  readonly grantId: string;
}

/** What an e-mailed unlock link asks for. */
export interface UnlockRequest {
  /** Who would get access. */
  readonly grantee: Grantee;
  /** The support employee who sent the link. */
  readonly requestedBy: SupportEmployee;
  readonly duration: GrantDuration;
  readonly dataExport: boolean;
  readonly reason: string;
  readonly requestedAt: Date;
  /** After this instant the link no longer works. */
  readonly expiresAt: Date;
}

// ---------------------------------------------------------------------------------------------- chat

export type ChatAuthor = 'customer' | 'support';

export interface ChatMessage {
  /** Server id. */
  readonly id: string;
  /** Client-generated idempotency key of a customer's message; `null` for support messages. */
  readonly clientId: string | null;
  /** Monotonic server sequence number: catch-up asks for everything after the last one seen. */
  readonly seq: number;
  readonly author: ChatAuthor;
  readonly authorName: string;
  readonly text: string;
  readonly sentAt: Date;
  /** Files sent with the message, in the order sent; missing or empty when there are none. */
  readonly attachments?: readonly AttachmentRef[];
}

export interface ChatSendInput {
  readonly clientId: string;
  /** May be empty when the message carries attachments. */
  readonly text: string;
  /**
   * Ids of attachments uploaded before (`uploadAttachment`) by the same user and not yet sent with another message,
   * at most `ATTACHMENTS_PER_MESSAGE_MAX`. Missing means none.
   */
  readonly attachmentIds?: readonly string[];
}

/** A stored file of a chat message: what a message lists and what `uploadAttachment` answers. */
export interface AttachmentRef {
  /** Server id, for `downloadAttachment` and `ChatSendInput.attachmentIds`. */
  readonly id: string;
  /** The file name as text (see `attachmentFileName`); never a path, never markup. */
  readonly name: string;
  /** The type found in the file's content by the server, not the name's or the client's claim. */
  readonly type: AttachmentType;
  /** Bytes. */
  readonly size: number;
}

// ---------------------------------------------------------------------------------------------- callbacks

export interface CallbackTopic {
  readonly id: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText | null;
  /** Length of the window this topic books. */
  readonly windowMinutes: number;
}

export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface CallbackWindow extends TimeWindow {
  /** `false` when the window is fully booked: shown as unavailable, not hidden. */
  readonly available: boolean;
}

export interface CallbackBooking {
  readonly id: string;
  readonly topic: CallbackTopic;
  readonly window: TimeWindow;
  readonly phone: string;
  readonly note: string;
  readonly bookedAt: Date;
}

export interface CallbackBookingInput {
  readonly topicId: string;
  readonly start: Date;
  readonly phone: string;
  readonly note: string;
}

/** Localised text in `lang`, falling back to English, then to any language given. */
export function pickText(text: LocalizedText, lang: string): string {
  if (typeof text === 'string') return text;
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  return text[lang] ?? text[base] ?? text['en'] ?? Object.values(text)[0] ?? '';
}
