#!/usr/bin/env node
// Screenshots of the demo in headless Chromium: both languages, narrow and wide, plus each popup.
// Usage: npm run screenshots [-- --url http://localhost:8000/demo/] [-- --only about]
// Starts its own dev server unless --url is given. Writes PNGs to screenshots/ (not committed).
import { mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
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
  const port = 8123;
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
  // <support-chat-panel>: the messenger sidebar; offline with an unsent message in the outbox; support typing.
  {
    name: 'chat',
    run: async (page) => {
      await page.click('#messenger-button');
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
    },
  },
  {
    name: 'chat-offline',
    run: async (page) => {
      await page.click('#offline-switch');
      await page.click('#messenger-button');
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
      await page.evaluate(() => document.querySelector('#chat').send('Hallo, ist die Schnittstelle zum Portal gerade gestört?\nBei uns hängen seit 10 Uhr alle Exporte.'));
      await page.waitForFunction(() => document.querySelector('#chat').pending.some((p) => p.state === 'failed'));
    },
  },
  {
    name: 'chat-unread',
    run: async (page) => {
      await page.waitForFunction(() => document.querySelector('#chat').status === 'ready');
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
        await page.goto(`${url}?lang=${lang}`, { waitUntil: 'networkidle0' });
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
