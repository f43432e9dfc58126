/**
 * The states gallery page (`npm start`, then /demo/gallery.html): every element in every state side by side, for
 * designers. The toolbar switches language, theme, width and the clock; each choice is a URL parameter (`?lang=de
 * &theme=dark&width=narrow&clock=night&state=offline`), so every view can be linked and is the same on every load.
 * The states themselves come from real backends (gallery/states.ts).
 */
import { html, nothing, render } from 'lit';
import { mountGallery } from './gallery/mount.js';
import { CLOCKS, DEFAULT_CLOCK, GALLERY_STATES, type GalleryLang } from './gallery/states.js';

const params = new URLSearchParams(location.search);
const lang: GalleryLang = params.get('lang') === 'de' ? 'de' : 'en';
const dark = params.get('theme') === 'dark';
const narrow = params.get('width') === 'narrow';
const inFrame = params.get('frame') === '1';
const clock = CLOCKS.find((c) => c.id === params.get('clock')) ?? DEFAULT_CLOCK;
const only = GALLERY_STATES.some((s) => s.id === params.get('state')) ? params.get('state')! : '';

const TEXT = {
  en: {
    title: 'States gallery',
    intro:
      'Every element in every state, each with its own demo backend, fault wrapper, cache and fixed clock. Choose the language, theme, width and time of day above; the address keeps your choice.',
    language: 'Language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    width: 'Width',
    wide: 'Wide',
    narrowLabel: 'Narrow (390 px)',
    clock: 'Time of day',
    state: 'State',
    all: 'All states',
    demo: 'Back to the demo',
    frame: 'The gallery at 390 px',
  },
  de: {
    title: 'Zustands-Galerie',
    intro:
      'Jedes Element in jedem Zustand, jedes mit eigenem Demo-Backend, Fehler-Wrapper, Cache und fester Uhr. Oben wählen Sie Sprache, Design, Breite und Uhrzeit; die Adresse merkt sich die Wahl.',
    language: 'Sprache',
    theme: 'Design',
    light: 'Hell',
    dark: 'Dunkel',
    width: 'Breite',
    wide: 'Breit',
    narrowLabel: 'Schmal (390 px)',
    clock: 'Uhrzeit',
    state: 'Zustand',
    all: 'Alle Zustände',
    demo: 'Zurück zur Demo',
    frame: 'Die Galerie mit 390 px',
  },
}[lang];

document.documentElement.lang = lang;
document.documentElement.classList.toggle('support-theme-dark', dark);
document.title = `support-widgets — ${TEXT.title}`;

const choice = (name: string, value: string, label: string, checked: boolean) =>
  html`<label><input type="radio" name=${name} value=${value} ?checked=${checked} />${label}</label>`;

/** Any change reloads the page with the new parameters: each view is built fresh and deterministic. */
const submit = (event: Event) => (event.currentTarget as HTMLFormElement).requestSubmit();

const toolbar = html`<header class="gallery-bar">
  <h1>${TEXT.title}</h1>
  <form class="demo-controls" method="get" action="" @change=${submit}>
    <fieldset>
      <legend>${TEXT.language}</legend>
      ${choice('lang', 'en', 'English', lang === 'en')} ${choice('lang', 'de', 'Deutsch', lang === 'de')}
    </fieldset>
    <fieldset>
      <legend>${TEXT.theme}</legend>
      ${choice('theme', 'light', TEXT.light, !dark)} ${choice('theme', 'dark', TEXT.dark, dark)}
    </fieldset>
    <fieldset>
      <legend>${TEXT.width}</legend>
      ${choice('width', 'wide', TEXT.wide, !narrow)} ${choice('width', 'narrow', TEXT.narrowLabel, narrow)}
    </fieldset>
    <label>${TEXT.clock}
      <select name="clock">
        ${CLOCKS.map((c) => html`<option value=${c.id} ?selected=${c === clock}>${c.label[lang]}</option>`)}
      </select>
    </label>
    <label>${TEXT.state}
      <select name="state">
        <option value="" ?selected=${!only}>${TEXT.all}</option>
        ${GALLERY_STATES.map((s) => html`<option value=${s.id} ?selected=${s.id === only}>${s.title[lang]}</option>`)}
      </select>
    </label>
    <a href="./">${TEXT.demo}</a>
  </form>
</header>`;

if (narrow && !inFrame) {
  // The narrow view is the same page in a 390 px frame, so the elements see a phone's viewport (media queries too).
  const frameParams = new URLSearchParams(params);
  frameParams.set('frame', '1');
  render(
    html`${toolbar}<main><iframe class="gallery-frame" title=${TEXT.frame} src=${`gallery.html?${frameParams}`}></iframe></main>`,
    document.body,
  );
} else {
  render(
    html`${inFrame ? nothing : toolbar}${inFrame ? nothing : html`<p class="gallery-intro">${TEXT.intro}</p>`}
      <main class="gallery" id="gallery" aria-busy="true"></main>`,
    document.body,
  );
  const main = document.querySelector<HTMLElement>('#gallery')!;
  void mountGallery(main, { lang, at: new Date(clock.iso), ...(only ? { only: [only] } : {}) }).then(
    () => {
      main.setAttribute('aria-busy', 'false');
      // For screenshot scripts: everything has settled.
      document.documentElement.dataset['galleryReady'] = 'true';
    },
    (error: unknown) => {
      // A state that did not settle (mount.ts says what still ran): shown as it is, and said so to scripts.
      console.error(error);
      main.setAttribute('aria-busy', 'false');
      document.documentElement.dataset['galleryReady'] = 'error';
    },
  );
}
