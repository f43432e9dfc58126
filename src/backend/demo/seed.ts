import { DEFAULT_HOTLINE_PRICING, DEFAULT_HOTLINE_TIERS } from '../../core/hotline.js';
import { DEFAULT_SUPPORT_HOURS } from '../../core/support-hours.js';
import type {
  CallbackTopic,
  ContactInfo,
  PersonRef,
  SupportEmployee,
  TenantInfo,
  Tenant,
  SessionUser,
} from '../../core/types.js';

export type DemoLocale = 'de' | 'en';

/** The contact data of the support help page this project implements. */
export const SEED_CONTACT: ContactInfo = {
  email: 'support@onOffice.com',
  directLines: [
    { countries: ['DE', 'CH'], display: '+49 241 446 86 122', e164: '+4924144686122' },
    { countries: ['AT'], display: '+43 (1) 3619857-60', e164: '+431361985760' },
  ],
  supportHours: {
    ...DEFAULT_SUPPORT_HOURS,
    // German nationwide public holidays around the demo's dates (North Rhine-Westphalia adds 1 Nov and Corpus Christi).
    holidays: [
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-06-04', '2026-10-03',
      '2026-11-01', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01', '2027-03-26', '2027-03-29',
      '2027-05-01', '2027-05-06', '2027-05-17', '2027-05-27', '2027-10-03', '2027-11-01', '2027-12-24', '2027-12-25',
      '2027-12-26', '2027-12-31',
    ],
  },
  hotline: {
    lines: [
      { countries: ['DE'], display: '+49 241 44686-112', e164: '+4924144686112' },
      { countries: ['AT'], display: '+43 (1) 3619857-60', e164: '+431361985760' },
      { countries: ['CH'], display: '+41 31 511 27 92', e164: '+41315112792' },
    ],
    timeZone: 'Europe/Berlin',
    tiers: DEFAULT_HOTLINE_TIERS,
    pricing: DEFAULT_HOTLINE_PRICING,
  },
};

export const SEED_TENANT: Tenant = {
  id: 'tenant-musterimmo',
  name: 'musterimmo',
  label: 'Muster Immobilien GmbH',
  timeZone: 'Europe/Berlin',
};

export const SEED_USER: SessionUser = {
  id: 'user-abecker',
  name: 'Anna Becker',
  email: 'a.becker@muster-immobilien.example',
  phone: '+49 241 123456',
};

export const SEED_TENANT_INFO: TenantInfo = {
  tenantName: SEED_TENANT.name,
  tenantLabel: SEED_TENANT.label,
  productName: 'onOffice enterprise',
  version: '26.11.2',
  build: '2026-11-18.4512',
  releasedAt: new Date('2026-11-18T06:00:00Z'),
  edition: 'Professional',
  customerNumber: '48213',
};

/** Departments in the demo's data language. */
export function seedDepartments(locale: DemoLocale): PersonRef[] {
  const names =
    locale === 'de'
      ? ['Support', 'Entwicklung', 'Beratung', 'Datenmigration']
      : ['Support', 'Development', 'Consulting', 'Data migration'];
  return [
    { id: 'dep-support', name: names[0]! },
    { id: 'dep-dev', name: names[1]! },
    { id: 'dep-consulting', name: names[2]! },
    { id: 'dep-migration', name: names[3]! },
  ];
}

const EMPLOYEE_NAMES: readonly [string, string][] = [
  ['Lena Hoffmann', 'dep-support'],
  ['Jonas Schmitz', 'dep-support'],
  ['Mehmet Yılmaz', 'dep-support'],
  ['Sophie Wagner', 'dep-support'],
  ['Lukas Krüger', 'dep-support'],
  ['Hannah Becker', 'dep-dev'],
  ['Felix Neumann', 'dep-dev'],
  ['Aylin Demir', 'dep-dev'],
  ['Paul Richter', 'dep-dev'],
  ['Marie Schulz', 'dep-consulting'],
  ['Tobias Lange', 'dep-consulting'],
  ['Julia Zimmermann', 'dep-migration'],
  ['Nikola Petrović', 'dep-migration'],
];

export function seedEmployees(locale: DemoLocale): SupportEmployee[] {
  const departments = seedDepartments(locale);
  return EMPLOYEE_NAMES.map(([name, departmentId], i) => ({
    id: `emp-${String(i + 1).padStart(2, '0')}`,
    name,
    department: departments.find((d) => d.id === departmentId)!,
  }));
}

export const SEED_TOPICS: CallbackTopic[] = [
  {
    id: 'short-question',
    title: { de: 'Kurze Frage', en: 'Short question' },
    description: {
      de: 'Eine Frage, die sich am Telefon in wenigen Minuten klären lässt.',
      en: 'A question that a few minutes on the phone will settle.',
    },
    windowMinutes: 30,
  },
  {
    id: 'consultation',
    title: { de: 'Beratungstermin', en: 'Consultation appointment' },
    description: {
      de: 'Eine längere Beratung, z. B. zu Workflows, Schnittstellen oder Auswertungen.',
      en: 'A longer consultation, e.g. about workflows, interfaces or reports.',
    },
    windowMinutes: 60,
  },
];

/** Reasons support states when logging in. */
export function loginReasons(locale: DemoLocale): string[] {
  return locale === 'de'
    ? [
        'Ticket #48213-112: Exportvorlage erzeugt leere PDF',
        'Rückfrage zum Portalexport (ImmoScout24)',
        'Fehleranalyse: Serienmail bleibt im Postausgang',
        'Einrichtung der Mehrfachbenachrichtigung',
        'Ticket #48213-140: Aufgaben werden doppelt angezeigt',
        'Datenmigration: Prüfung der importierten Adressen',
        'Nachvollziehen eines Rechteproblems bei Benutzer „Vertrieb 2“',
      ]
    : [
        'Ticket #48213-112: export template produces an empty PDF',
        'Question about the portal export (ImmoScout24)',
        'Error analysis: mass e-mail stuck in the outbox',
        'Setting up multiple notifications',
        'Ticket #48213-140: tasks shown twice',
        'Data migration: checking the imported addresses',
        'Tracing a rights problem of user "Sales 2"',
      ];
}

/** A customer's chat lines and support's answers, for 3+ weeks of history. */
export function chatLines(locale: DemoLocale): { customer: string[]; support: string[] } {
  return locale === 'de'
    ? {
        customer: [
          'Hallo, unsere Exportvorlage erzeugt seit heute Morgen leere PDFs. Können Sie sich das ansehen?',
          'Wie kann ich einem Kollegen die Rechte für den Portalexport geben?',
          'Die Serienmail an 240 Kontakte hängt im Postausgang.',
          'Danke, jetzt funktioniert es wieder!',
          'Kann man Aufgaben auch per Workflow automatisch anlegen?',
          'Unsere Datenmigration ist durch, ich habe die Freischaltung gesetzt.',
          'Wo finde ich die Auswertung der Anfragen pro Objekt?',
        ],
        support: [
          'Guten Tag, gerne schaue ich mir das an. Haben Sie den Support bereits freigeschaltet?',
          'Das geht unter Extras >> Einstellungen >> Benutzer, Reiter „Rechte“.',
          'Ich habe die Warteschlange neu angestoßen, die Mails gehen jetzt raus.',
          'Sehr gerne! Melden Sie sich, falls noch etwas ist.',
          'Ja, über den Prozessmanager. Ich schicke Ihnen eine Anleitung: https://example.com/hilfe/workflows',
          'Danke, ich prüfe die Adressen und melde mich bis heute Abend.',
          'Unter Statistik >> Anfragen. Mehr dazu: https://example.com/hilfe/statistik',
        ],
      }
    : {
        customer: [
          'Hello, since this morning our export template produces empty PDFs. Could you have a look?',
          'How do I give a colleague the rights for the portal export?',
          'The mass e-mail to 240 contacts is stuck in the outbox.',
          'Thanks, it works again!',
          'Can tasks be created automatically by a workflow?',
          'Our data migration is done, I have unlocked support access.',
          'Where do I find the report of enquiries per property?',
        ],
        support: [
          'Good afternoon, I am happy to look into it. Have you unlocked support access yet?',
          'Go to Extras >> Settings >> Users, tab "Rights".',
          'I restarted the queue; the e-mails are going out now.',
          'You are welcome! Let me know if anything else comes up.',
          'Yes, with the process manager. Here is a guide: https://example.com/help/workflows',
          'Thanks, I will check the addresses and get back to you by tonight.',
          'Under Statistics >> Enquiries. More: https://example.com/help/statistics',
        ],
      };
}

/** What the simulated agent answers to a new customer message. */
export function agentReply(locale: DemoLocale, text: string, agentName: string): string {
  const lower = text.toLowerCase();
  const first = agentName.split(' ')[0];
  if (locale === 'de') {
    if (/(danke|vielen dank)/.test(lower)) return 'Sehr gerne! Gibt es noch etwas, bei dem ich helfen kann?';
    if (/(freischalt|zugriff)/.test(lower))
      return 'Danke! Sobald die Freischaltung aktiv ist, kann ich mich einloggen und mir das ansehen.';
    if (/(rückruf|anruf|telefon)/.test(lower))
      return 'Gerne rufen wir Sie an: Über das Telefonsymbol können Sie ein Zeitfenster für den Rückruf wählen.';
    return `Hallo, hier ist ${first} vom Support. Danke für Ihre Nachricht, ich schaue mir das sofort an.`;
  }
  if (/(thank)/.test(lower)) return 'You are welcome! Is there anything else I can help with?';
  if (/(unlock|access)/.test(lower)) return 'Thanks! As soon as access is unlocked, I can log in and take a look.';
  if (/(callback|call|phone)/.test(lower))
    return 'We are happy to call you: the phone icon lets you pick a time window for the callback.';
  return `Hello, this is ${first} from support. Thanks for your message, I am looking into it right away.`;
}
