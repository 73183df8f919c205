/**
 * Call-in after the request, partners' constitution settings and one-off bank holiday changes (DOMAIN.md §5):
 * democratic services record a call-in's validity, its scrutiny meeting, the outcome, full council's result and the
 * reconsidered decision; they set each partner's key decision threshold and call-in terms; a system administrator
 * adds bank holidays declared by proclamation.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { field, readDateInput, type FormBody, formBody } from '../../kernel/forms.js';
import { formatLongDate, todayInLondon, type IsoDate } from '../../kernel/dates.js';
import { formatPounds } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import { bankHolidaysInYear, PROCLAIMED_CHANGES } from '../../kernel/bankHolidays.js';
import { checkBankHolidayChange } from '../../kernel/bankHolidayChanges.js';
import { ORGANISATION_KINDS } from '../../partnerships/index.js';
import { CALL_IN_OUTCOMES, COUNCIL_RESULTS, NEXT_STEPS, RECONSIDERED_RESULTS } from './rules.js';
import { addBankHolidayChange, listBankHolidayChangeRows, loadBankHolidayChanges } from '../dates/index.js';
import {
  loadCallIn,
  partnerConstitutions,
  recordCallInStep,
  savePartnerConstitution,
  scrutinyMeetings,
} from './store.js';
import { readCallInStepForm } from './schema.js';
import { callInRuleChoices, partnerCallInRule, readConstitutionForm } from '../boards/index.js';
import { getDecision } from '../decisions/index.js';
import { getMeeting, listAgendaItems } from '../meetings/index.js';
import { getBoard } from '../boards/index.js';
import { boardCrumbs, notFound } from '../meetings/index.js';

type DecisionParams = PartnershipParams & { decisionId: string };
type PartnerParams = PartnershipParams & { organisationId: string };

const STEP_LABELS = {
  validity: 'Validity of the call-in',
  'scrutiny-meeting': 'The scrutiny meeting that will consider it',
  outcome: 'The outcome of the scrutiny meeting',
  council: 'The result at full council',
  reconsidered: 'The reconsidered decision',
} as const;

const dateValues = (prefix: string, iso: IsoDate) => ({
  [`${prefix}-day`]: String(Number(iso.slice(8, 10))),
  [`${prefix}-month`]: String(Number(iso.slice(5, 7))),
  [`${prefix}-year`]: iso.slice(0, 4),
});

export const callInRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  // ---- the call-in of a decision, for democratic services ----
  async function loadDecisionCallIn(req: FastifyRequest<{ Params: DecisionParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.decisionId);
    const decision = id === null ? undefined : await getDecision(db, loaded.partnership.id, id);
    // a decision under delegation (migration 0014) has no meeting or item, but names its board
    const meeting =
      decision?.meeting_id != null ? await getMeeting(db, loaded.partnership.id, decision.meeting_id) : null;
    const boardId = meeting ? meeting.board_id : decision?.board_id;
    const board = boardId != null ? await getBoard(db, loaded.partnership.id, boardId) : undefined;
    if (!decision || meeting === undefined || !board) return notFound(reply);
    const item = meeting
      ? (await listAgendaItems(db, loaded.partnership.id, meeting.id)).find(
          (i) => i.id === decision.agenda_item_id,
        )
      : null;
    if (item === undefined) return notFound(reply);
    const changes = await loadBankHolidayChanges(db);
    const today = todayInLondon();
    const callIn = await loadCallIn(db, decision, today, changes);
    return { ...loaded, decision, meeting, board, item, changes, today, ...callIn };
  }

  const showCallIn = async (
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadDecisionCallIn>>>,
    data: { values?: FormBody; problems?: FieldProblems } = {},
  ) => {
    const next = loaded.status.progress ? NEXT_STEPS[loaded.status.progress.stage] : [];
    const meetings = await scrutinyMeetings(db, loaded.partnership.id);
    return reply.view('governance/callIn/views/callIn.njk', {
      pageTitle: loaded.item
        ? `Call-in of the decision on item ${loaded.item.number}`
        : 'Call-in of the decision under delegation',
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        ...(loaded.meeting
          ? [
              {
                text: formatLongDate(loaded.meeting.meets_on),
                href: `/partnerships/${loaded.partnership.id}/meetings/${loaded.meeting.id}`,
              },
            ]
          : []),
        { text: 'Decision', href: `/partnerships/${loaded.partnership.id}/decisions/${loaded.decision.id}` },
      ],
      ...loaded,
      next: next[0] ?? null,
      stepLabels: STEP_LABELS,
      outcomes: CALL_IN_OUTCOMES,
      councilResults: COUNCIL_RESULTS,
      reconsideredResults: RECONSIDERED_RESULTS,
      meetingItems: [
        { value: '', text: 'Not in Concordat: enter the committee below' },
        ...meetings.map((m) => ({
          value: String(m.id),
          text: `${m.board_name}, ${formatLongDate(m.meetsOn)}`,
          selected: String(data.values?.meetingId ?? '') === String(m.id),
        })),
      ],
      values: data.values ?? dateValues('on', loaded.today),
      ...(data.problems ? withProblems(data.problems, ['on']) : {}),
      can: canIn(req, loaded.partnership.id),
    });
  };

  app.get<{ Params: DecisionParams }>(
    '/partnerships/:partnershipId/decisions/:decisionId/call-in',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadDecisionCallIn(req, reply);
      return loaded ? showCallIn(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: DecisionParams }>(
    '/partnerships/:partnershipId/decisions/:decisionId/call-in/steps',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadDecisionCallIn(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const kind = field(body, 'kind');
      // a scrutiny meeting chosen from Concordat's meetings brings its own date
      const linked =
        kind === 'scrutiny-meeting' && field(body, 'meetingId') !== ''
          ? (await scrutinyMeetings(db, loaded.partnership.id)).find(
              (m) => String(m.id) === field(body, 'meetingId'),
            )
          : undefined;
      const parsed = readCallInStepForm(body, { linkedOn: linked?.meetsOn ?? null, today: loaded.today });
      if (!parsed.ok)
        return showCallIn(req, reply.code(400), loaded, { values: body, problems: parsed.problems });
      const step = parsed.value;
      const recorded = await recordCallInStep(
        db,
        actorFor(req.principal),
        loaded.decision,
        step,
        loaded.today,
        loaded.changes,
      );
      if (!recorded.ok)
        return showCallIn(req, reply.code(400), loaded, { values: body, problems: recorded.error });
      req.session.flash = `${STEP_LABELS[step.kind]} recorded`;
      return reply.redirect(
        `/partnerships/${loaded.partnership.id}/decisions/${loaded.decision.id}/call-in`,
        303,
      );
    },
  );

  // ---- each partner's constitution settings ----
  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/constitution',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const partners = (await partnerConstitutions(db, loaded.partnership.id)).map((p) => ({
        ...p,
        kindName: ORGANISATION_KINDS[p.organisation.kind],
        threshold:
          p.constitution.keyDecisionThresholdPence === null
            ? 'Not set'
            : formatPounds(p.constitution.keyDecisionThresholdPence),
        rule: partnerCallInRule(p.constitution),
      }));
      return reply.view('governance/boards/views/constitution.njk', {
        pageTitle: 'Constitution settings of each partner',
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(loaded.partnership),
        partnership: loaded.partnership,
        partners,
        can: canIn(req, loaded.partnership.id),
      });
    },
  );

  async function loadPartner(req: FastifyRequest<{ Params: PartnerParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.organisationId);
    const partner = (await partnerConstitutions(db, loaded.partnership.id)).find(
      (p) => p.organisation.id === id,
    );
    if (!partner) return notFound(reply);
    return { ...loaded, partner };
  }

  const showPartnerForm = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadPartner>>>,
    values: FormBody,
    problems?: FieldProblems,
  ) =>
    reply.view('governance/boards/views/constitutionForm.njk', {
      pageTitle: `Constitution settings: ${loaded.partner.organisation.name}`,
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership),
        { text: 'Constitution settings', href: `/partnerships/${loaded.partnership.id}/constitution` },
      ],
      partnership: loaded.partnership,
      partner: loaded.partner,
      rules: callInRuleChoices(),
      values,
      ...(problems ? withProblems(problems) : {}),
    });

  app.get<{ Params: PartnerParams }>(
    '/partnerships/:partnershipId/constitution/:organisationId',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadPartner(req, reply);
      if (!loaded) return reply;
      const c = loaded.partner.constitution;
      return showPartnerForm(reply, loaded, {
        threshold: c.keyDecisionThresholdPence === null ? '' : formatPounds(c.keyDecisionThresholdPence),
        subjectToCallIn: c.subjectToCallIn ? 'yes' : 'no',
        callInRule: c.callInRule,
        callInDays: c.callInDays === null ? '' : String(c.callInDays),
        callInCounting: c.callInCounting ?? '',
        membersRequired: String(c.membersRequired),
      });
    },
  );

  app.post<{ Params: PartnerParams }>(
    '/partnerships/:partnershipId/constitution/:organisationId',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadPartner(req, reply);
      if (!loaded) return reply;
      const body = formBody(req.body);
      const form = Object.fromEntries(
        ['threshold', 'subjectToCallIn', 'callInRule', 'callInDays', 'callInCounting', 'membersRequired'].map(
          (k) => [k, field(body, k)],
        ),
      );
      const read = readConstitutionForm(form);
      if (!read.ok) return showPartnerForm(reply.code(400), loaded, body, read.error);
      await transaction(db, (trx) =>
        savePartnerConstitution(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.partner.organisation.id,
          read.value,
        ),
      );
      req.session.flash = `Constitution settings saved for ${loaded.partner.organisation.name}`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/constitution`, 303);
    },
  );

  // ---- one-off bank holiday changes, for a system administrator ----
  const showBankHolidays = async (reply: FastifyReply, values: FormBody, problems?: FieldProblems) => {
    const rows = await listBankHolidayChangeRows(db);
    const year = Number(todayInLondon().slice(0, 4));
    const changes = rows.map((r) => r.change);
    return reply.view('governance/dates/views/bankHolidays.njk', {
      pageTitle: 'Bank holiday changes',
      navSection: 'bank-holidays',
      builtIn: PROCLAIMED_CHANGES,
      rows,
      years: [year, year + 1].map((y) => ({ year: y, holidays: bankHolidaysInYear(y, changes) })),
      values,
      ...(problems ? withProblems(problems, ['date', 'replaces']) : {}),
    });
  };

  app.get('/admin/bank-holidays', { config: { action: 'bank-holidays:manage' } }, async (_req, reply) =>
    showBankHolidays(reply, { kind: 'extra' }),
  );

  app.post('/admin/bank-holidays', { config: { action: 'bank-holidays:manage' } }, async (req, reply) => {
    const body = formBody(req.body);
    const date = readDateInput(body, 'date', 'the date of the bank holiday', true);
    const replaces = readDateInput(body, 'replaces', 'the date it replaces');
    const kind = field(body, 'kind');
    const checked = checkBankHolidayChange(
      {
        kind,
        date: date.value,
        replaces: replaces.value,
        name: field(body, 'name'),
        proclamation: field(body, 'proclamation'),
      },
      await loadBankHolidayChanges(db),
    );
    const problems: FieldProblems = checked.ok ? {} : { ...checked.error };
    if (date.problem) problems.date = date.problem;
    if (kind === 'moved' && replaces.problem) problems.replaces = replaces.problem;
    if (!checked.ok || Object.keys(problems).length > 0)
      return showBankHolidays(reply.code(400), body, problems);
    await transaction(db, (trx) => addBankHolidayChange(trx, actorFor(req.principal), checked.value));
    req.session.flash = `Bank holiday added: ${checked.value.name}, ${formatLongDate(checked.value.date)}`;
    return reply.redirect('/admin/bank-holidays', 303);
  });
};
