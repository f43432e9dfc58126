import { executeServerCommand } from '@web/test-runner-commands';

/**
 * A `fetch` for tests of the reference server: calls of its test-control routes (`/__test/…`) go through the test
 * runner's Node side (scripts/reference-server-plugin.mjs), because those routes send no CORS headers and a test page
 * on another origin cannot call them; everything else is the page's own `fetch`. Pass it as `referenceServerSubjects`'
 * `fetch` option.
 */
export const controlFetch: typeof fetch = async (input, init = {}) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!new URL(url).pathname.startsWith('/__test/')) return fetch(input, init);
  const { status, contentType, body } = await executeServerCommand<{ status: number; contentType: string | null; body: string }, unknown>(
    'reference-server',
    { action: 'control', url, method: init.method ?? 'GET', body: typeof init.body === 'string' ? init.body : null },
  );
  const empty = status === 204 || status === 304;
  return new Response(empty ? null : body, { status, headers: contentType ? { 'Content-Type': contentType } : {} });
};
