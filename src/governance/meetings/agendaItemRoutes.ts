/**
 * Agenda items: adding one to a meeting and changing it. An item added to a published agenda after its deadline
 * is a late item and needs the chair's reason of urgency (SI 2012/2089 reg 6).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import type { FieldProblems } from '../../kernel/result.js';
import { formatLongDate, todayInLondon } from '../../kernel/dates.js';
import { toDecimalString } from '../../kernel/money.js';
import { agendaDeadline, isLate } from './agendaPublication.js';
import { loadBankHolidayChanges } from '../dates/index.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { createAgendaItem, listAgendaItems, updateAgendaItem, type AgendaItem } from './store.js';
import {
  AGENDA_ITEM_KINDS,
  EXEMPT_PARAGRAPHS,
  ITEM_FUNCTIONS,
  KEY_DECISION_TESTS,
  validateAgendaItem,
} from '../boards/index.js';
import { readAgendaItemForm } from './agendaItemSchema.js';
import { keyDecisionThresholds } from '../boards/index.js';
import { readItemProviders } from '../interests/index.js';
import { providersOfItems, setItemProviders } from './itemProviderStore.js';
import { boardCrumbs, loadMeeting, notFound, type MeetingParams } from './recordOfRequest.js';

type ItemParams = MeetingParams & { itemId: string };
type Loaded = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

const itemValues = (i: AgendaItem) => ({
  title: i.title,
  kind: i.kind,
  reportAuthor: i.report_author,
  summary: i.summary,
  functions: i.functions,
  organisationIds: i.organisationIds.map(String),
  keyDecision: i.key_decision ? 'yes' : 'no',
  keyTests: [...(i.key_on_spend ? ['spend'] : []), ...(i.key_on_wards ? ['wards'] : [])],
  spendPence: i.spend_pence === null ? '' : toDecimalString(i.spend_pence),
  wardsAffected: i.wards_affected === null ? '' : String(i.wards_affected),
  exempt: i.exempt ? 'yes' : 'no',
  exemptParagraph: i.exempt_paragraph === null ? '' : String(i.exempt_paragraph),
  publicInterestReason: i.public_interest_reason,
  titlePublished: i.title_published ? 'yes' : 'no',
  urgencyReason: i.urgency_reason,
  urgencyAgreedBy: i.urgency_agreed_by,
});

/** True when a new item would be late: the agenda is out and its deadline has passed. */
const lateNow = (loaded: Loaded, changes: readonly BankHolidayChange[]) =>
  loaded.meeting.status === 'agenda_published' &&
  isLate(todayInLondon(), agendaDeadline(loaded.meeting.meetsOn, undefined, changes).date);

export const agendaItemRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (reply: FastifyReply, loaded: Loaded, data: Record<string, unknown>) =>
    reply.view('governance/meetings/views/agendaItemForm.njk', {
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        {
          text: formatLongDate(loaded.meeting.meets_on),
          href: `/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}`,
        },
      ],
      ...loaded,
      kinds: AGENDA_ITEM_KINDS,
      functions: ITEM_FUNCTIONS,
      keyTests: KEY_DECISION_TESTS,
      paragraphs: EXEMPT_PARAGRAPHS,
      ...data,
    });

  const editable = (loaded: Loaded) => ['scheduled', 'agenda_published'].includes(loaded.meeting.status);

  async function check(body: FormBody, loaded: Loaded, late: boolean) {
    const parsed = readAgendaItemForm(body);
    // the providers the item names, for flagging likely conflicts of interest (DOMAIN.md §6)
    const providers = readItemProviders(body);
    const providerProblems: FieldProblems = providers.problem ? { providers: providers.problem } : {};
    if (!parsed.ok)
      return { problems: { ...parsed.problems, ...providerProblems }, value: null, providers: [] };
    const problems = validateAgendaItem(parsed.value, {
      partnerIds: new Set(loaded.partners.map((p) => p.id)),
      thresholdsPence: await keyDecisionThresholds(db, loaded.partnership.id),
      late,
    });
    return {
      problems: { ...problems, ...providerProblems },
      value: parsed.value,
      providers: providers.names,
    };
  }

  const meetingUrl = (l: Loaded) => `/partnerships/${l.partnership.id}/meetings/${l.meeting.id}`;

  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      if (!editable(loaded)) return notFound(reply);
      return showForm(reply, loaded, {
        pageTitle: 'Add an agenda item',
        action: `${meetingUrl(loaded)}/items`,
        late: lateNow(loaded, await loadBankHolidayChanges(db)),
        values: { functions: 'all', keyDecision: 'no', exempt: 'no', titlePublished: 'yes' },
      });
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      if (!editable(loaded)) return notFound(reply);
      const body = formBody(req.body);
      const late = lateNow(loaded, await loadBankHolidayChanges(db));
      const { problems, value, providers } = await check(body, loaded, late);
      if (!value || hasProblems(problems))
        return showForm(reply.code(400), loaded, {
          pageTitle: 'Add an agenda item',
          action: `${meetingUrl(loaded)}/items`,
          late,
          values: body,
          ...withProblems(problems),
        });
      await transaction(db, async (trx) => {
        const itemId = await createAgendaItem(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.meeting.id,
          {
            ...value,
            late,
          },
        );
        await setItemProviders(trx, actorFor(req.principal), loaded.partnership.id, itemId, providers);
      });
      req.session.flash = `Item added: ${value.title}`;
      return reply.redirect(`${meetingUrl(loaded)}#agenda`, 303);
    },
  );

  async function loadItem(req: { params: ItemParams }, loaded: Loaded) {
    const id = idParam(req.params.itemId);
    return (await listAgendaItems(db, loaded.partnership.id, loaded.meeting.id)).find((i) => i.id === id);
  }

  app.get<{ Params: ItemParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const item = await loadItem(req, loaded);
      if (!item || !editable(loaded)) return notFound(reply);
      return showForm(reply, loaded, {
        pageTitle: `Change item ${item.number}`,
        action: `${meetingUrl(loaded)}/items/${item.id}/edit`,
        late: item.late,
        values: {
          ...itemValues(item),
          providers: ((await providersOfItems(db, loaded.partnership.id, [item.id])).get(item.id) ?? []).join(
            '\n',
          ),
        },
      });
    },
  );

  app.post<{ Params: ItemParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/items/:itemId/edit',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const item = await loadItem(req, loaded);
      if (!item || !editable(loaded)) return notFound(reply);
      const body = formBody(req.body);
      const { problems, value, providers } = await check(body, loaded, item.late);
      if (!value || hasProblems(problems))
        return showForm(reply.code(400), loaded, {
          pageTitle: `Change item ${item.number}`,
          action: `${meetingUrl(loaded)}/items/${item.id}/edit`,
          late: item.late,
          values: body,
          ...withProblems(problems),
        });
      await transaction(db, async (trx) => {
        await updateAgendaItem(trx, actorFor(req.principal), loaded.partnership.id, item, value, item.late);
        await setItemProviders(trx, actorFor(req.principal), loaded.partnership.id, item.id, providers);
      });
      req.session.flash = `Item ${item.number} saved`;
      return reply.redirect(`${meetingUrl(loaded)}#agenda`, 303);
    },
  );
};
