// The user-facing documents, as the tests that check them read them (served by the test runner from the project root).

/** The guides a host developer reads: README.md and the hand-written docs/*.md for users. */
export const USER_GUIDES = [
  'README.md',
  'docs/adapter.md',
  'docs/testing.md',
  'docs/about-tenant.md',
  'docs/callback-scheduler.md',
  'docs/support-chat-panel.md',
  'docs/support-contact.md',
  'docs/support-unlock-dialog.md',
  'docs/theming.md',
] as const;

/** The generated API reference (docs/api/). */
export const API_DOCS = [
  'docs/api/README.md',
  'docs/api/conformance.md',
  'docs/api/callback-scheduler.md',
  'docs/api/support-access-indicator.md',
  'docs/api/support-chat-panel.md',
  'docs/api/support-contact.md',
  'docs/api/support-unlock-dialog.md',
] as const;

/** The text of the document at `path`, or null when it does not exist. */
export async function readDoc(path: string): Promise<string | null> {
  const response = await fetch(`/${path}`);
  return response.ok ? response.text() : null;
}
