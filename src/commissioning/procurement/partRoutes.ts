/**
 * The parts of a procurement added after it: a lot with its criteria, a bid with its structure, a bid's
 * scores, and the award of a lot with the decision that made it.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { formBody, type FormBody } from '../../kernel/forms.js';
import { formatLongDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { loadBankHolidayChanges } from '../../governance/dates/index.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { REGIMES } from './rules.js';
import {
  MAX_ALLIANCE_MEMBERS,
  MAX_SUBCONTRACTORS,
  readAwardForm,
  readBidForm,
  readLotForm,
  readScoresForm,
} from './schema.js';
import {
  addBid,
  addLot,
  decisionChoices,
  nextLotNumber,
  recordAward,
  recordScores,
  type Procurement,
} from './store.js';
import { PROCUREMENT_LABELS } from './view.js';
import { loadProcurement, type ProcurementParams } from './routes.js';

type BidParams = ProcurementParams & { bidId: string };
type Page = 'lotForm' | 'bidForm' | 'scoresForm' | 'awardForm';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

export const procurementPartRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const base = (pid: number, p: Procurement) => `/partnerships/${pid}/procurements/${p.id}`;

  function render(
    reply: FastifyReply,
    page: Page,
    title: string,
    found: { partnership: { id: number; name: string }; procurement: Procurement },
    data: Record<string, unknown>,
    problems?: FieldProblems,
    dateFields: string[] = [],
  ) {
    const { partnership, procurement } = found;
    return reply.view(`commissioning/procurement/views/${page}.njk`, {
      pageTitle: title,
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(
        partnership,
        { text: 'Procurements', href: `/partnerships/${partnership.id}/procurements` },
        { text: procurement.reference, href: base(partnership.id, procurement) },
      ),
      partnership,
      procurement,
      action: base(partnership.id, procurement),
      labels: PROCUREMENT_LABELS,
      values: {},
      ...data,
      ...(problems ? withProblems(problems, dateFields) : {}),
    });
  }

  app.get<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/lots/new',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      return render(reply, 'lotForm', 'Add a lot', found, {
        values: { scoreScaleMax: '5', priceScoring: 'lowest_price_ratio' },
      });
    },
  );

  app.post<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/lots',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const { partnership, procurement } = found;
      const body = formBody(req.body);
      const parsed = readLotForm(req.body, await nextLotNumber(db, partnership.id, procurement.id));
      if (!parsed.ok)
        return render(reply.code(400), 'lotForm', 'Add a lot', found, { values: body }, parsed.problems);
      await transaction(db, (trx) =>
        addLot(trx, actorFor(req.principal), partnership.id, procurement.id, parsed.value),
      );
      req.session.flash = `Lot ${parsed.value.lotNumber} added: ${parsed.value.title}`;
      return reply.redirect(base(partnership.id, procurement), 303);
    },
  );

  const bidData = (values: FormBody) => ({
    values,
    members: range(MAX_ALLIANCE_MEMBERS),
    subs: range(MAX_SUBCONTRACTORS),
  });

  app.get<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/bids/new',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const lot = found.procurement.lots.length === 1 ? String(found.procurement.lots[0]?.id) : '';
      return render(reply, 'bidForm', 'Add a bid', found, bidData({ lotId: lot }));
    },
  );

  app.post<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/bids',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const { partnership, procurement } = found;
      const body = formBody(req.body);
      const parsed = readBidForm(body, new Set(procurement.lots.map((l) => l.id)));
      if (!parsed.ok)
        return render(reply.code(400), 'bidForm', 'Add a bid', found, bidData(body), parsed.problems, [
          'submittedOn',
        ]);
      await transaction(db, (trx) =>
        addBid(trx, actorFor(req.principal), partnership.id, procurement.id, parsed.value),
      );
      req.session.flash = `Bid added: ${parsed.value.bidderName}`;
      return reply.redirect(base(partnership.id, procurement), 303);
    },
  );

  /** The bid a URL names, its lot, and the criteria evaluators score (price by formula is not one of them). */
  function bidOf(procurement: Procurement, raw: string) {
    const id = idParam(raw);
    const bid = procurement.bids.find((b) => b.id === id);
    const lot = bid && procurement.lots.find((l) => l.id === bid.lotId);
    if (!bid || !lot) return null;
    const criteria = lot.criteria.filter(
      (c) => !(c.category === 'price' && lot.priceScoring === 'lowest_price_ratio'),
    );
    return { bid, lot, criteria };
  }

  const scoresData = (
    procurement: Procurement,
    b: NonNullable<ReturnType<typeof bidOf>>,
    values?: FormBody,
  ) => {
    const current: FormBody = {};
    for (const s of procurement.scores.filter((x) => x.bidId === b.bid.id)) {
      current[`score-${s.criterionId}`] = String(s.score);
      current[`comment-${s.criterionId}`] = s.comment;
    }
    return { bid: b.bid, lot: b.lot, criteria: b.criteria, values: values ?? current };
  };

  app.get<{ Params: BidParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/bids/:bidId/scores',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const b = bidOf(found.procurement, req.params.bidId);
      if (!b) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return render(
        reply,
        'scoresForm',
        `Scores: ${b.bid.bidderName}`,
        found,
        scoresData(found.procurement, b),
      );
    },
  );

  app.post<{ Params: BidParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/bids/:bidId/scores',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const { partnership, procurement } = found;
      const b = bidOf(procurement, req.params.bidId);
      if (!b) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = formBody(req.body);
      const parsed = readScoresForm(req.body, b.criteria, b.lot.scoreScaleMax);
      if (!parsed.ok)
        return render(
          reply.code(400),
          'scoresForm',
          `Scores: ${b.bid.bidderName}`,
          found,
          scoresData(procurement, b, body),
          parsed.problems,
        );
      await transaction(db, (trx) =>
        recordScores(trx, actorFor(req.principal), partnership.id, procurement.id, b.bid.id, parsed.value),
      );
      req.session.flash = `Scores recorded for ${b.bid.bidderName}`;
      return reply.redirect(`${base(partnership.id, procurement)}#evaluation`, 303);
    },
  );

  const awardData = async (pid: number, procurement: Procurement, values: FormBody) => ({
    values,
    decisions: (await decisionChoices(db, pid)).map((d) => ({
      value: String(d.id),
      text: `${formatLongDate(d.decidedOn)}: ${d.decision.length > 90 ? `${d.decision.slice(0, 90)}…` : d.decision}`,
    })),
    openLots: procurement.lots.filter((l) => !procurement.awards.some((a) => a.lotId === l.id)),
    standstillRule: REGIMES[procurement.regime].standstill,
  });

  app.get<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/awards/new',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      return render(
        reply,
        'awardForm',
        'Record an award',
        found,
        await awardData(found.partnership.id, found.procurement, {}),
      );
    },
  );

  app.post<{ Params: ProcurementParams }>(
    '/partnerships/:partnershipId/procurements/:procurementId/awards',
    { config: { action: 'procurement:edit' } },
    async (req, reply) => {
      const found = await loadProcurement(db, req, reply);
      if (!found) return reply;
      const { partnership, procurement } = found;
      const body = formBody(req.body);
      const decisions = await decisionChoices(db, partnership.id);
      const parsed = readAwardForm(
        req.body,
        procurement,
        new Set(decisions.map((d) => d.id)),
        await loadBankHolidayChanges(db),
      );
      if (!parsed.ok)
        return render(
          reply.code(400),
          'awardForm',
          'Record an award',
          found,
          await awardData(partnership.id, procurement, body),
          parsed.problems,
          ['awardedOn', 'standstillEndOn'],
        );
      await transaction(db, (trx) =>
        recordAward(trx, actorFor(req.principal), partnership.id, procurement.id, parsed.value),
      );
      req.session.flash = 'Award recorded';
      return reply.redirect(`${base(partnership.id, procurement)}#awards`, 303);
    },
  );
};
