/**
 * The open data of a partnership's public record, shaped after Popolo (popoloproject.com) and Open Civic Data:
 * organizations (the partners and their boards), persons (board members), memberships (with role, the
 * organisation that nominated the member, and term), events (meetings) and their agenda items. Each section is
 * offered as CSV and JSON, and all of them together as one Popolo JSON document.
 *
 * Only what the public pages show is exported: an agenda once published, and of an exempt item (Schedule 12A) its
 * number, its paragraph and, where the officer allowed it, its title; never its summary or report author.
 *
 * EXTENSION POINT: `openDataSections()` lists the sections. A new kind of public record (vote events and votes
 * once attendance and votes are recorded, for example) is one more entry in that list: its name, its fields with
 * their descriptions (shown on the open data page) and the function that reads its rows.
 */
import type { Db } from '../../db/connection.js';
import { csvLines } from '../../kernel/csv.js';
import { listAgendaItems, listMeetings } from '../../governance/meetings/index.js';
import { listMemberships } from '../../governance/boards/index.js';
import { listBoards } from '../../governance/boards/index.js';
import { BOARD_KINDS, MEMBER_ROLES, publicAgendaItem } from '../../governance/boards/index.js';
import { partnersOf } from '../../partnerships/index.js';
import { ORGANISATION_KINDS } from '../../partnerships/index.js';
import { londonWallTimeToUtc } from '../feeds/index.js';
import { memberVotes, voteCounts, voteEvents } from './openDataVotes.js';

export type OpenDataValue = string | number | boolean | null;
export type OpenDataRow = Record<string, OpenDataValue>;

export interface OpenDataScope {
  db: Db;
  partnership: { id: number; slug: string; name: string };
  /** The site's address, for links back to the public pages. */
  base: string;
}

export interface OpenDataSection {
  /** The file name and the key in the Popolo document: `organizations.csv`, `{ "organizations": [...] }`. */
  name: string;
  title: string;
  description: string;
  /** The Popolo or Open Civic Data class the rows follow. */
  follows: string;
  fields: readonly { name: string; description: string }[];
  rows(scope: OpenDataScope): Promise<OpenDataRow[]>;
}

export const LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
} as const;

/** A stable id for a person named on the boards: people are recorded by name, so the id is made from it. */
export const personId = (name: string) =>
  `person/${
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'unnamed'
  }`;

/** An ISO 8601 date and time with Europe/London's offset that day: 2027-06-10T14:00:00+01:00. */
export function londonDateTime(date: string, time: string): string {
  const utc = londonWallTimeToUtc(date as Parameters<typeof londonWallTimeToUtc>[0], time);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const offsetMinutes = (Date.UTC(y, mo - 1, d, h, mi) - utc.getTime()) / 60_000;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}

const organizations: OpenDataSection = {
  name: 'organizations',
  title: 'Organisations',
  description: 'The partner organisations and the boards they have formed together.',
  follows: 'Popolo Organization',
  fields: [
    {
      name: 'id',
      description: 'Identifier: organization/<number> for a partner, board/<number> for a board',
    },
    { name: 'name', description: 'Name' },
    { name: 'classification', description: 'Kind of organisation or board' },
    { name: 'identifier', description: 'Official code: ODS code for NHS bodies, GSS code for councils' },
    { name: 'founding_basis', description: 'For a board, the law under which it was formed' },
    { name: 'url', description: 'Public page' },
  ],
  async rows({ db, partnership, base }) {
    const partners = await partnersOf(db, partnership.id);
    const boards = await listBoards(db, partnership.id);
    return [
      ...partners.map((o) => ({
        id: `organization/${o.id}`,
        name: o.name,
        classification: ORGANISATION_KINDS[o.kind],
        identifier: o.ods_code ?? o.gss_code ?? '',
        founding_basis: '',
        url: `${base}/public/partnerships/${partnership.slug}`,
      })),
      ...boards.map((b) => ({
        id: `board/${b.id}`,
        name: b.name,
        classification: BOARD_KINDS[b.kind].label,
        identifier: '',
        founding_basis: b.legal_basis,
        url: `${base}/public/partnerships/${partnership.slug}/boards/${b.id}`,
      })),
    ];
  },
};

async function allMemberships(scope: OpenDataScope) {
  const boards = await listBoards(scope.db, scope.partnership.id);
  return (
    await Promise.all(
      boards.map(async (b) =>
        (await listMemberships(scope.db, scope.partnership.id, b.id)).map((m) => ({ ...m, board: b })),
      ),
    )
  ).flat();
}

const persons: OpenDataSection = {
  name: 'persons',
  title: 'People',
  description: 'The people who sit or have sat on the boards, past and present.',
  follows: 'Popolo Person',
  fields: [
    { name: 'id', description: 'Identifier made from the name: person/<name>' },
    { name: 'name', description: 'Name' },
  ],
  async rows(scope) {
    const byId = new Map<string, OpenDataRow>();
    for (const m of await allMemberships(scope))
      byId.set(personId(m.person_name), { id: personId(m.person_name), name: m.person_name });
    return [...byId.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  },
};

const memberships: OpenDataSection = {
  name: 'memberships',
  title: 'Memberships',
  description: 'Who sits on each board, for which partner, in what role, and for what term.',
  follows: 'Popolo Membership',
  fields: [
    { name: 'id', description: 'Identifier: membership/<number>' },
    { name: 'person_id', description: 'The person (see People)' },
    { name: 'person_name', description: 'The person’s name' },
    { name: 'organization_id', description: 'The board (see Organisations)' },
    { name: 'on_behalf_of_id', description: 'The partner organisation that nominated the member' },
    { name: 'role', description: 'Chair, Vice-chair or Member' },
    { name: 'post', description: 'The post the member holds at the nominating organisation' },
    { name: 'voting', description: 'Whether the member may vote: true or false' },
    { name: 'start_date', description: 'First day of the term (YYYY-MM-DD)' },
    { name: 'end_date', description: 'Last day of the term (YYYY-MM-DD); empty while it continues' },
  ],
  async rows(scope) {
    return (await allMemberships(scope)).map((m) => ({
      id: `membership/${m.id}`,
      person_id: personId(m.person_name),
      person_name: m.person_name,
      organization_id: `board/${m.board.id}`,
      on_behalf_of_id: `organization/${m.organisation_id}`,
      role: MEMBER_ROLES[m.role],
      post: m.post_held,
      voting: m.voting,
      start_date: m.termFrom,
      end_date: m.termTo,
    }));
  },
};

const events: OpenDataSection = {
  name: 'events',
  title: 'Meetings',
  description:
    'The boards’ meetings, past and scheduled, with where they are held and whether the agenda is out.',
  follows: 'Open Civic Data Event',
  fields: [
    { name: 'id', description: 'Identifier: event/<number>' },
    { name: 'name', description: 'The board and the date' },
    { name: 'organization_id', description: 'The board (see Organisations)' },
    { name: 'start_date', description: 'When it starts: ISO 8601 date and time with the UK offset that day' },
    { name: 'status', description: 'scheduled, agenda_published, held or cancelled' },
    { name: 'location', description: 'Venue' },
    { name: 'online_link', description: 'Where to watch online, if anywhere' },
    {
      name: 'agenda_published_on',
      description: 'When the agenda was published (YYYY-MM-DD); empty if not yet',
    },
    { name: 'url', description: 'Public page of the meeting, with its agenda and papers' },
  ],
  async rows({ db, partnership, base }) {
    return (await listMeetings(db, partnership.id)).map((m) => ({
      id: `event/${m.id}`,
      name: `${m.board_name}, ${m.meets_on}`,
      organization_id: `board/${m.board_id}`,
      start_date: londonDateTime(m.meets_on, m.starts_at),
      status: m.status,
      location: m.venue,
      online_link: m.online_link,
      agenda_published_on: m.agenda_published_on,
      url: `${base}/public/partnerships/${partnership.slug}/meetings/${m.id}`,
    }));
  },
};

const agendaItems: OpenDataSection = {
  name: 'agenda_items',
  title: 'Agenda items',
  description:
    'The items of each published agenda. Of an exempt item only its number, the paragraph of Schedule 12A it is exempt under and, where allowed, its title are published.',
  follows: 'Open Civic Data Event agenda item',
  fields: [
    { name: 'id', description: 'Identifier: agenda-item/<number>' },
    { name: 'event_id', description: 'The meeting (see Meetings)' },
    { name: 'order', description: 'Item number on the agenda' },
    { name: 'title', description: 'Title; “Exempt item” where the title itself is exempt' },
    { name: 'key_decision', description: 'Whether it is a key decision: true or false' },
    {
      name: 'exempt_paragraph',
      description: 'Paragraph of Schedule 12A (1 to 7) if exempt; empty otherwise',
    },
    { name: 'summary', description: 'Summary and recommendations; empty for exempt items' },
    { name: 'report_author', description: 'Author of the report; empty for exempt items' },
  ],
  async rows({ db, partnership }) {
    const published = await listMeetings(db, partnership.id, { publishedOnly: true });
    const rows: OpenDataRow[] = [];
    for (const m of published)
      for (const i of await listAgendaItems(db, partnership.id, m.id)) {
        const p = publicAgendaItem({
          number: i.number,
          title: i.title,
          kind: i.kind,
          summary: i.summary,
          reportAuthor: i.report_author,
          keyDecision: i.key_decision,
          exempt: i.exempt,
          exemptParagraph: i.exempt_paragraph,
          titlePublished: i.title_published,
          urgencyReason: null,
        });
        rows.push({
          id: `agenda-item/${i.id}`,
          event_id: `event/${m.id}`,
          order: p.number,
          title: p.title,
          key_decision: p.keyDecision,
          exempt_paragraph: p.exempt ? i.exempt_paragraph : null,
          summary: p.summary,
          report_author: p.reportAuthor,
        });
      }
    return rows;
  },
};

/**
 * The sections of the open data, in the order the page lists them. Add a section here (one entry) and it gets its
 * CSV and JSON downloads, its place in the Popolo document, its field descriptions on the open data page, and its
 * place in the exempt-information test (publicSurfaces.ts lists every download from this list).
 */
export function openDataSections(): readonly OpenDataSection[] {
  return [organizations, persons, memberships, events, agendaItems, voteEvents, voteCounts, memberVotes];
}

/** The file names offered for download: each section as CSV and JSON, and all of them as one Popolo document. */
export const POPOLO_FILE = 'popolo.json';
export const openDataFiles = (): string[] => [
  POPOLO_FILE,
  ...openDataSections().flatMap((s) => [`${s.name}.csv`, `${s.name}.json`]),
];

const csvValue = (v: OpenDataValue) => (typeof v === 'boolean' ? String(v) : v);

/** One section as CSV: a header row of field names, then a row per record. */
export function sectionCsv(section: OpenDataSection, rows: readonly OpenDataRow[]): string {
  const names = section.fields.map((f) => f.name);
  return csvLines([names, ...rows.map((r) => names.map((n) => csvValue(r[n] ?? null)))]);
}

/** The downloadable file of that name, or undefined when there is none. */
export async function openDataFile(
  scope: OpenDataScope,
  file: string,
  now: Date = new Date(),
): Promise<{ type: string; body: string } | undefined> {
  const meta = {
    partnership: scope.partnership.name,
    generated: now.toISOString(),
    licence: LICENCE,
    source: `${scope.base}/public/partnerships/${scope.partnership.slug}/open-data`,
  };
  if (file === POPOLO_FILE) {
    const doc: Record<string, unknown> = { meta };
    for (const s of openDataSections()) doc[s.name] = await s.rows(scope);
    return { type: 'application/json; charset=utf-8', body: JSON.stringify(doc, null, 2) };
  }
  const m = /^([a-z_]+)\.(csv|json)$/.exec(file);
  const section = m ? openDataSections().find((s) => s.name === m[1]) : undefined;
  if (!m || !section) return undefined;
  const rows = await section.rows(scope);
  return m[2] === 'csv'
    ? { type: 'text/csv; charset=utf-8', body: sectionCsv(section, rows) }
    : {
        type: 'application/json; charset=utf-8',
        body: JSON.stringify({ meta, [section.name]: rows }, null, 2),
      };
}
