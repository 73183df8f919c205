/**
 * THE REGISTRY OF PUBLIC SURFACES: every page, feed and export that anyone may read without signing in, with the
 * concrete addresses of each for one partnership. It is the one place a new public page is listed:
 * `publicSurfaces.test.ts` fails when the server has a public route (action `public:view`) that is not here, and
 * the exempt-information test (`exemptInformation.test.ts`) visits every address listed here and checks that none
 * of an exempt item's text appears (LGA 1972 Schedule 12A; DOMAIN.md §5).
 *
 * To add a public page: add one entry `{ route, kind, urls }` below. If its addresses need ids that the scope does
 * not yet load (documents, say), add them to `PublicScope` and `loadPublicScope`.
 */
import type { Executor } from '../db/connection.js';
import { getPartnership } from '../partnerships/index.js';
import { listMeetings } from '../governance/meetings/index.js';
import { listBoards } from '../governance/boards/index.js';
import { searchPublishedDecisions } from '../governance/decisions/index.js';
import { openDataFiles } from './openData/index.js';

/** The papers a member of the public may download: on a published agenda, and not of an exempt item. */
async function publicPaperIds(db: Executor, partnershipId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('papers')
    .innerJoin('meetings', (j) =>
      j
        .onRef('meetings.partnership_id', '=', 'papers.partnership_id')
        .onRef('meetings.id', '=', 'papers.meeting_id'),
    )
    .leftJoin('agenda_items', (j) =>
      j
        .onRef('agenda_items.partnership_id', '=', 'papers.partnership_id')
        .onRef('agenda_items.id', '=', 'papers.agenda_item_id'),
    )
    .select('papers.id')
    .where('papers.partnership_id', '=', partnershipId)
    .where('meetings.agenda_published_on', 'is not', null)
    .where((eb) => eb.or([eb('agenda_items.exempt', 'is', null), eb('agenda_items.exempt', '=', false)]))
    .orderBy('papers.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The ids of one partnership's public records, from which each surface makes its addresses. */
export interface PublicScope {
  partnershipId: number;
  slug: string;
  boardIds: number[];
  meetingIds: number[];
  /** Meetings whose agenda is published: only these have an agenda pack. */
  publishedMeetingIds: number[];
  /** Meetings held: only these have a public record of attendance, votes and minutes. */
  heldMeetingIds: number[];
  /** Published decisions only: an unpublished decision has no public page. */
  decisionIds: number[];
  /** Published decisions not on exempt items: only these have a public decision notice. */
  openDecisionIds: number[];
  /** Papers that the public may download: of published agendas, not of exempt items. */
  paperIds: number[];
}

export interface PublicSurface {
  /** The route as the server registers it. */
  route: string;
  kind: 'page' | 'feed' | 'export';
  /** The addresses to visit for a partnership (path and query), or none when the surface is not about one. */
  urls(scope: PublicScope): string[];
}

const p = (s: PublicScope) => `/public/partnerships/${s.slug}`;

export const PUBLIC_SURFACES: readonly PublicSurface[] = [
  { route: '/', kind: 'page', urls: () => ['/'] },
  { route: '/accessibility', kind: 'page', urls: () => ['/accessibility'] },
  { route: '/sign-in', kind: 'page', urls: () => ['/sign-in'] },
  { route: '/public/partnerships', kind: 'page', urls: () => ['/public/partnerships'] },
  { route: '/public/partnerships/:slug', kind: 'page', urls: (s) => [p(s)] },
  { route: '/public/partnerships/:slug/pooled-funds', kind: 'page', urls: (s) => [`${p(s)}/pooled-funds`] },
  { route: '/public/partnerships/:slug/boards', kind: 'page', urls: (s) => [`${p(s)}/boards`] },
  {
    route: '/public/partnerships/:slug/boards/:boardId',
    kind: 'page',
    urls: (s) => s.boardIds.map((id) => `${p(s)}/boards/${id}`),
  },
  {
    route: '/public/partnerships/:slug/boards/:boardId/meetings.ics',
    kind: 'feed',
    urls: (s) => s.boardIds.map((id) => `${p(s)}/boards/${id}/meetings.ics`),
  },
  {
    route: '/public/partnerships/:slug/meetings/:meetingId',
    kind: 'page',
    urls: (s) => s.meetingIds.map((id) => `${p(s)}/meetings/${id}`),
  },
  {
    route: '/public/partnerships/:slug/decisions',
    kind: 'page',
    urls: (s) => [
      `${p(s)}/decisions`,
      `${p(s)}/decisions?key=yes`,
      ...['awaiting', 'effective', 'called-in'].map((status) => `${p(s)}/decisions?status=${status}`),
      ...s.boardIds.map((id) => `${p(s)}/decisions?board=${id}`),
    ],
  },
  {
    route: '/public/partnerships/:slug/decisions/:decisionId',
    kind: 'page',
    urls: (s) => s.decisionIds.map((id) => `${p(s)}/decisions/${id}`),
  },
  {
    route: '/public/partnerships/:slug/decisions.atom',
    kind: 'feed',
    urls: (s) => [`${p(s)}/decisions.atom`],
  },
  {
    route: '/public/partnerships/:slug/decisions/:decisionId/notice.pdf',
    kind: 'export',
    urls: (s) => s.openDecisionIds.map((id) => `${p(s)}/decisions/${id}/notice.pdf`),
  },
  {
    route: '/public/partnerships/:slug/meetings/:meetingId/agenda-pack.pdf',
    kind: 'export',
    urls: (s) => s.publishedMeetingIds.map((id) => `${p(s)}/meetings/${id}/agenda-pack.pdf`),
  },
  {
    route: '/public/partnerships/:slug/meetings/:meetingId/record',
    kind: 'page',
    urls: (s) => s.heldMeetingIds.map((id) => `${p(s)}/meetings/${id}/record`),
  },
  {
    route: '/public/partnerships/:slug/papers/:paperId',
    kind: 'export',
    urls: (s) => s.paperIds.map((id) => `${p(s)}/papers/${id}`),
  },
  {
    route: '/public/partnerships/:slug/boards/:boardId/attendance',
    kind: 'page',
    urls: (s) => s.boardIds.map((id) => `${p(s)}/boards/${id}/attendance`),
  },
  {
    route: '/public/partnerships/:slug/boards/:boardId/interests',
    kind: 'page',
    urls: (s) => s.boardIds.map((id) => `${p(s)}/boards/${id}/interests`),
  },
  { route: '/public/partnerships/:slug/forward-plan', kind: 'page', urls: (s) => [`${p(s)}/forward-plan`] },
  { route: '/public/partnerships/:slug/open-data', kind: 'page', urls: (s) => [`${p(s)}/open-data`] },
  {
    route: '/public/partnerships/:slug/open-data/:file',
    kind: 'export',
    urls: (s) => openDataFiles().map((file) => `${p(s)}/open-data/${file}`),
  },
  // the contracts register as the Transparency Code and OCDS publish it (commissioning/contracts/downloadRoutes.ts)
  {
    route: '/public/partnerships/:slug/contracts.csv',
    kind: 'export',
    urls: (s) => [`${p(s)}/contracts.csv`],
  },
  ...['releases', 'records'].map((file): PublicSurface => ({
    route: `/public/partnerships/:slug/contracts/ocds-${file}.json`,
    kind: 'export',
    urls: (s) => [`${p(s)}/contracts/ocds-${file}.json`],
  })),
];

export async function loadPublicScope(db: Executor, partnershipId: number): Promise<PublicScope> {
  const partnership = await getPartnership(db, partnershipId);
  if (!partnership) throw new Error(`No partnership ${partnershipId}`);
  const decisions = await searchPublishedDecisions(db, partnershipId, {});
  const meetings = await listMeetings(db, partnershipId);
  return {
    partnershipId,
    slug: partnership.slug,
    boardIds: (await listBoards(db, partnershipId)).map((b) => b.id),
    meetingIds: meetings.map((m) => m.id),
    publishedMeetingIds: meetings.filter((m) => m.agenda_published_on !== null).map((m) => m.id),
    heldMeetingIds: meetings.filter((m) => m.status === 'held').map((m) => m.id),
    decisionIds: decisions.map((d) => d.id),
    openDecisionIds: decisions.filter((d) => !d.exempt).map((d) => d.id),
    paperIds: await publicPaperIds(db, partnershipId),
  };
}

/** Every public address of a partnership, each with the surface it belongs to. */
export async function publicUrlsOf(db: Executor, partnershipId: number) {
  const scope = await loadPublicScope(db, partnershipId);
  return PUBLIC_SURFACES.flatMap((surface) => surface.urls(scope).map((url) => ({ url, surface })));
}
