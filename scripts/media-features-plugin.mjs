// A test-runner command that emulates CSS media features in Chromium: `emulate-media-features` with
// `{ features: [{ name: 'forced-colors', value: 'active' }, { name: 'prefers-color-scheme', value: 'dark' }] }`.
// Own script because neither maintained path reaches forced colours: @web/test-runner-commands' emulateMedia passes
// only colour scheme and reduced motion to puppeteer, and puppeteer's page.emulateMediaFeatures refuses any other
// feature name. The DevTools protocol's Emulation.setEmulatedMedia sets any feature; one session per page is kept
// open, since the emulation ends when the session that set it detaches.
const sessions = new WeakMap();

export function mediaFeaturesPlugin() {
  return {
    name: 'media-features-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('emulate-media-features needs Chromium through puppeteer');
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', { media: '', features: payload?.features ?? [] });
      return true;
    },
  };
}
