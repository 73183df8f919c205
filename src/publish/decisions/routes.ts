/**
 * The public list of a partnership's published decisions, with filters (board, dates decided, key decisions only,
 * call-in status) and full-text search, paged. A plain GET form, so it works without JavaScript. Of decisions on
 * exempt items only what is public is shown, and the search never matches their text (see governance/decisions/searchStore.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/connection.js';
import { todayInLondon } from '../../kernel/dates.js';
import { errorSummary } from '../../kernel/forms.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { callInState, describeCallInState } from '../../governance/decisions/index.js';
import { callInRequestsOf, searchPublishedDecisions } from '../../governance/decisions/index.js';
import { listBoards } from '../../governance/boards/index.js';
import {
  PUBLIC_DECISION_STATUSES,
  listQueryString,
  pageNumbers,
  pageOf,
  publicStatusOf,
  readDecisionListQuery,
} from './decisionList.js';
import { decisionsFeedLink } from '../feeds/index.js';

export const publicDecisionListRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string }; Querystring: Record<string, string | string[] | undefined> }>(
    '/public/partnerships/:slug/decisions',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      if (!partnership)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const boards = await listBoards(db, partnership.id);
      const { query, problems, values } = readDecisionListQuery(
        req.query,
        boards.map((b) => b.id),
      );
      const found = await searchPublishedDecisions(db, partnership.id, {
        boardId: query.boardId,
        from: query.from,
        to: query.to,
        keyOnly: query.keyOnly,
        text: query.text,
      });
      const requests = await callInRequestsOf(
        db,
        partnership.id,
        found.map((d) => d.id),
      );
      const today = todayInLondon();
      const withStatus = found.map((d) => {
        const state = callInState(
          { callIn: d.call_in, callInRule: d.call_in_rule, urgencyAgreedBy: d.urgency_agreed_by },
          d.publishedOn,
          requests.get(d.id) ?? [],
          today,
        );
        return { ...d, status: publicStatusOf(state), stateText: describeCallInState(state) };
      });
      const matching =
        query.statuses.length === 0
          ? withStatus
          : withStatus.filter((d) => query.statuses.includes(d.status));
      const page = pageOf(matching, query.page);
      const base = `/public/partnerships/${partnership.slug}/decisions`;
      const filtered =
        query.text !== '' ||
        query.boardId !== undefined ||
        query.from !== undefined ||
        query.to !== undefined ||
        query.keyOnly ||
        query.statuses.length > 0;
      return reply.view('publish/decisions/views/decisions.njk', {
        pageTitle: `Decisions of ${partnership.name}${page.pages > 1 ? ` (page ${page.current} of ${page.pages})` : ''}`,
        navSection: 'public',
        breadcrumbs: [
          { text: 'Partnerships', href: '/public/partnerships' },
          { text: partnership.name, href: `/public/partnerships/${partnership.slug}` },
        ],
        feedLinks: [decisionsFeedLink(partnership)],
        partnership,
        boards,
        values,
        statuses: PUBLIC_DECISION_STATUSES,
        errors: problems,
        errorList: errorSummary(problems),
        page,
        filtered,
        clearHref: base,
        previousHref: page.current > 1 ? base + listQueryString(query, page.current - 1) : null,
        nextHref: page.current < page.pages ? base + listQueryString(query, page.current + 1) : null,
        pageItems: pageNumbers(page.current, page.pages).map((n) =>
          n === null
            ? { ellipsis: true }
            : { number: n, href: base + listQueryString(query, n), current: n === page.current },
        ),
      });
    },
  );
};
