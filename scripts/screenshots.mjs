#!/usr/bin/env node
// Screenshots of the demo in headless Chromium: both languages, narrow and wide, plus each popup.
// Usage: npm run screenshots [-- --url http://localhost:8000/demo/] [-- --only about]
// Starts its own dev server unless --url is given. Writes PNGs to screenshots/ (not committed).
import { mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from './chrome.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = option('out') ?? 'screenshots';
mkdirSync(out, { recursive: true });

let server;
let url = option('url');
if (!url) {
  // A free port, so that several checkouts can take screenshots at once.
  const port = Number(option('port')) || (await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  }));
  server = spawn('node_modules/.bin/wds', ['--config', 'web-dev-server.config.mjs', '--port', String(port)], {
    env: { ...process.env, CI: '1' },
    stdio: 'ignore',
  });
  url = `http://localhost:${port}/demo/`;
  for (let i = 0; i < 50; i += 1) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Scenes: each opens something in the demo and names the file. Later issues add theirs. */
const scenes = [
  { name: 'shell', run: async () => {} },
  {
    name: 'about',
    run: async (page) => {
      await page.evaluate(() => document.querySelector('#about-popup').show());
    },
  },
  // <callback-scheduler>
  ...(() => {
    /** Tue 24 Nov 2026 10:05 Berlin: support is open. */
    const openHours = async (page) => {
      const url = new URL(page.url());
      url.searchParams.set('now', '2026-11-24T09:05:00Z');
      await page.goto(url.href, { waitUntil: 'networkidle0' });
    };
    const openScheduler = async (page) => {
      await page.click('#callback-button');
      await page.waitForFunction(() => {
        const el = document.querySelector('#callback-popup');
        return el && el.view !== 'loading' && el.windows.state === 'fresh' && !el.windows.refreshing;
      });
      // Its form loads beside the data: updateComplete waits for it.
      await page.evaluate(() => document.querySelector('#callback-popup').updateComplete);
    };
    return [
      { name: 'callback-closed', run: openScheduler },
      {
        name: 'callback',
        run: async (page) => {
          await openHours(page);
          await openScheduler(page);
          await page.evaluate(async () => {
            const el = document.querySelector('#callback-popup');
            // The form is the scheduler's internal <callback-scheduler-panel>, with its own shadow root.
            const panel = el.shadowRoot.querySelector('callback-scheduler-panel');
            panel.shadowRoot.querySelectorAll('[role="tab"]')[1].click();
            await panel.updateComplete;
            panel.shadowRoot.querySelector('button.window:not([aria-disabled]):nth-of-type(1)').click();
          });
        },
      },
      {
        name: 'callback-booked',
        run: async (page) => {
          await openHours(page);
          await openScheduler(page);
          await page.evaluate(async () => {
            const el = document.querySelector('#callback-popup');
            // The form is the scheduler's internal <callback-scheduler-panel>, with its own shadow root.
            const panel = el.shadowRoot.querySelector('callback-scheduler-panel');
            panel.shadowRoot.querySelectorAll('[role="tab"]')[1].click();
            await panel.updateComplete;
            panel.shadowRoot.querySelector('button.window:not([aria-disabled])').click();
            await el.submit();
          });
        },
      },
    ];
  })(),
  // </callback-scheduler>
  // <support-contact>
  {
    name: 'contact',
    run: async (page) => {
      await page.evaluate(() => document.querySelector('#contact-popup').show());
    },
  },
  // </support-contact>
  // --- theme --- The example dark theme (themes/dark.css), switched on with the demo's own switch.
  {
    name: 'dark',
    run: async (page) => {
      await page.click('#theme-switch');
    },
  },
  {
    name: 'dark-about',
    run: async (page) => {
      await page.click('#theme-switch');
      await page.evaluate(() => document.querySelector('#about-popup').show());
    },
  },
  // --- /theme ---
  // <support-unlock-dialog>
  {
    name: 'unlock',
    run: async (page) => {
      await page.evaluate(() => document.querySelector('#unlock-popup').show());
      await new Promise((r) => setTimeout(r, 500));
      await page.keyboard.type('Len');
      await new Promise((r) => setTimeout(r, 700));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    },
  },
  {
    name: 'unlock-search',
    run: async (page) => {
      await page.evaluate(() => document.querySelector('#unlock-popup').show());
      await new Promise((r) => setTimeout(r, 500));
      await page.keyboard.type('Ent');
      await new Promise((r) => setTimeout(r, 700));
      await page.keyboard.press('ArrowDown');
    },
  },
  {
    name: 'unlock-grants',
    run: async (page) => {
      await page.evaluate(() => {
        const dialog = document.querySelector('#unlock-popup');
        dialog.show();
        dialog.selectTab('grants');
      });
    },
  },
  {
    name: 'unlock-logins',
    run: async (page) => {
      await page.evaluate(() => {
        const dialog = document.querySelector('#unlock-popup');
        dialog.show();
        dialog.selectTab('logins');
      });
    },
  },
  {
    name: 'unlock-link',
    run: async (page) => {
      await page.evaluate(() => {
        const token = window.demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '2h' });
        document.querySelector('#unlock-popup').openUnlockLink(token);
      });
    },
  },
  {
    name: 'unlock-no-right',
    run: async (page) => {
      await page.evaluate(() => {
        window.demo.control.setUnlockRight(false);
        document.querySelector('#unlock-popup').show();
      });
    },
  },
  {
    name: 'unlock-menu',
    run: async (page) => {
      await page.click('#help-button');
    },
  },
  {
    name: 'unlock-mail',
    run: async (page) => {
      // The whole demo path: the simulated e-mail, its link (#support-unlock=…), the dialog on the link view.
      await page.click('#unlock-mail-button');
      await page.click('#unlock-mail-link');
      await page.waitForFunction(() => !location.hash.includes('support-unlock'));
    },
  },
  // </support-unlock-dialog>
  // <support-chat-panel>: the messenger sidebar; offline with an unsent message in the outbox; support typing.
  {
    name: 'chat',
    run: async (page) => {
      await page.click('#messenger-button');
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
      await page.evaluate(() => document.querySelector('#chat').updateComplete); // its log loads beside the session
    },
  },
  {
    name: 'chat-offline',
    run: async (page) => {
      await page.click('#offline-switch');
      await page.click('#messenger-button');
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
      await page.evaluate(() => document.querySelector('#chat').updateComplete); // its log loads beside the session
      await page.evaluate(() => document.querySelector('#chat').send('Hallo, ist die Schnittstelle zum Portal gerade gestört?\nBei uns hängen seit 10 Uhr alle Exporte.'));
      await page.waitForFunction(() => document.querySelector('#chat').pending.some((p) => p.state === 'failed'));
    },
  },
  {
    name: 'chat-unread',
    run: async (page) => {
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
      await page.evaluate(() => document.querySelector('#chat').updateComplete); // its log loads beside the session
      await page.evaluate(() => {
        window.demo.control.pushSupportMessage('1');
        window.demo.control.pushSupportMessage('2');
      });
      await page.waitForFunction(() => !document.querySelector('#chat-badge').hidden);
    },
  },
  {
    name: 'chat-typing',
    run: async (page) => {
      await page.click('#messenger-button');
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
      await page.evaluate(() => document.querySelector('#chat').updateComplete); // its log loads beside the session
      await page.evaluate(() => document.querySelector('#chat').send('Danke, das hat geholfen! Wo finde ich support@onoffice.com im Menü?'));
      await page.waitForFunction(() => !!document.querySelector('#chat').shadowRoot.querySelector('.typing .dots'), { timeout: 8000 });
    },
  },
];

const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });
try {
  for (const lang of ['de', 'en']) {
    for (const [label, width, height] of [['narrow', 390, 844], ['wide', 1280, 860]]) {
      for (const scene of scenes) {
        if (option('only') && option('only') !== scene.name) continue;
        // A fresh context per scene: no IndexedDB (cache, outbox) carries over from the previous scene.
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width, height });
        await page.goto(`${url}${url.includes("?") ? "&" : "?"}lang=${lang}`, { waitUntil: url.includes("backend=") ? "networkidle2" : "networkidle0" }); // an event stream never idles
        await page.evaluate((l) => {
          document.documentElement.lang = l;
        }, lang);
        await scene.run(page);
        await new Promise((r) => setTimeout(r, 600));
        const file = `${out}/${scene.name}-${lang}-${label}.png`;
        await page.screenshot({ path: file, fullPage: label === 'wide' ? false : true });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server?.kill();
}
