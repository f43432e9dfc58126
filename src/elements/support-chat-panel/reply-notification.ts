/**
 * Browser notifications for support replies that arrive while the page is hidden (the panel's opt-in
 * `notify="browser"`). Always through `globalThis.Notification`, so a page (or a test) that replaces it is obeyed;
 * permission is only ever requested from the click handler of the panel's button (browsers ignore or penalise
 * requests without a user gesture), never on load; a `denied` permission is respected and only explained.
 */

export type NotificationState = NotificationPermission | 'unsupported';

type NotificationClass = typeof Notification;

const notificationClass = (): NotificationClass | null => {
  const candidate = (globalThis as { Notification?: NotificationClass }).Notification;
  return typeof candidate === 'function' ? candidate : null;
};

/** What the browser allows now: `default` (not asked yet), `granted`, `denied`, or `unsupported`. */
export function notificationState(): NotificationState {
  return notificationClass()?.permission ?? 'unsupported';
}

/**
 * Asks the user for permission. Call only from a user gesture (a click handler). Resolves with the new state; the
 * callback form of older Safari versions is supported too.
 */
export async function requestNotificationPermission(): Promise<NotificationState> {
  const N = notificationClass();
  if (!N) return 'unsupported';
  if (N.permission !== 'default') return N.permission;
  try {
    return await new Promise<NotificationPermission>((resolve) => {
      const result = N.requestPermission(resolve);
      if (result && typeof result.then === 'function') void result.then(resolve, () => resolve(N.permission));
    });
  } catch {
    return N.permission;
  }
}

export interface ReplyNotificationInput {
  readonly title: string;
  readonly body: string;
  /** Notifications with the same tag replace each other: one per chat, however many replies. */
  readonly tag: string;
  readonly lang: string;
  /** The user clicked the notification (it is closed already). */
  readonly onClick: () => void;
}

/**
 * Shows a notification when permission is granted; `null` otherwise, or where the page may not construct one
 * (Chrome on Android requires a service worker and throws).
 */
export function showReplyNotification(input: ReplyNotificationInput): Notification | null {
  const N = notificationClass();
  if (!N || N.permission !== 'granted') return null;
  try {
    const notification = new N(input.title, { body: input.body, tag: input.tag, lang: input.lang });
    notification.onclick = (event: Event) => {
      event.preventDefault?.();
      notification.close();
      input.onClick();
    };
    return notification;
  } catch {
    return null;
  }
}

/** Shortens a message for a notification body (on code points, with an ellipsis). */
export function notificationBody(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}
