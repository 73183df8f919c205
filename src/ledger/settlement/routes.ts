/**
 * Risk share and year-end settlement pages: the fund's policy (riskSharePolicyRoutes.ts) and the
 * settlement itself: compute (proposed), approve with a decision reference, post to the journal, withdraw an
 * unposted one, reverse a posted one. Finance officers and administrators act ('ledger:settle'); everyone in the
 * partnership reads ('fund:view').
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db, type Executor } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { financialYearLabel, todayInLondon } from '../../kernel/dates.js';
import type { FormBody } from '../../kernel/forms.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { describeStep } from './riskShare.js';
import { JournalError } from '../journal/index.js';
import { readApprovalForm, readReversalForm } from './schema.js';
import { getRiskSharePolicy, getSettlement, listSettlements, type SettlementRow } from './store.js';
import {
  approveSettlement,
  postSettlement,
  proposeSettlement,
  reverseSettlement,
  SettlementProblem,
  withdrawSettlement,
} from './settleYearEnd.js';
import type { SettlementWorking } from './working.js';
import { settlementCsv } from './csv.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { riskSharePolicyRoutes } from './riskSharePolicyRoutes.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadFund>>>;
type SettlementParams = FundParams & { settlementId: string };
type Operation = (props: {
  trx: Executor;
  actor: ReturnType<typeof actorFor>;
  partnershipId: number;
  fund: Loaded['fund'];
}) => Promise<SettlementRow>;

const STATUS_TEXT: Record<SettlementRow['status'], string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  posted: 'Posted',
  reversed: 'Reversed',
  withdrawn: 'Withdrawn',
};

export const settlementRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  await riskSharePolicyRoutes(app, { db });
  const base = (l: Loaded) => `/partnerships/${l.partnership.id}/funds/${l.fund.id}/settlement`;

  async function showPage(
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    extra: Record<string, unknown> = {},
  ) {
    const { partnership, fund } = loaded;
    const settlements = await listSettlements(db, partnership.id, fund.id);
    const current = settlements.find((s) => s.status !== 'withdrawn') ?? settlements[0] ?? null;
    const stored = await getRiskSharePolicy(db, partnership.id, fund.id);
    const working = current ? (current.working as SettlementWorking) : null;
    return reply.view('ledger/settlement/views/settlement.njk', {
      pageTitle: `Year-end settlement, ${fund.name}`,
      navSection: 'partnerships',
      breadcrumbs: fundCrumbs(partnership, fund),
      partnership,
      fund,
      yearLabel: financialYearLabel(fund.financial_year),
      policySteps: stored ? stored.policy.steps.map((s) => describeStep(s, loaded.nameOf)) : null,
      current,
      statusText: STATUS_TEXT,
      working,
      entries: working?.entries.map((e, i) => ({
        ...e,
        entryId: current?.postedEntryIds[i] ?? null,
        debitPence: e.lines.reduce((a, l) => a + Math.max(l.amountPence, 0), 0),
      })),
      history: settlements.filter((s) => s !== current),
      base: base(loaded),
      values: {},
      can: canIn(req, partnership.id),
      ...extra,
    });
  }

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      return showPage(req, reply, loaded);
    },
  );

  /** Runs one step of the settlement in a transaction; a problem rolls it all back and is shown on the page. */
  async function run(
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    field: string,
    op: Operation,
    done: (s: SettlementRow) => string,
  ) {
    try {
      const s = await transaction(db, (trx) =>
        op({ trx, actor: actorFor(req.principal), partnershipId: loaded.partnership.id, fund: loaded.fund }),
      );
      req.session.flash = done(s);
      return await reply.redirect(base(loaded), 303);
    } catch (e) {
      if (!(e instanceof SettlementProblem) && !(e instanceof JournalError)) throw e;
      return showPage(req, reply.code(400), loaded, withProblems({ [field]: e.message }));
    }
  }

  app.post<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      return run(
        req,
        reply,
        loaded,
        'compute',
        proposeSettlement,
        (s) => `Settlement ${s.id} computed: check the working, then approve it`,
      );
    },
  );

  /** The fund and the settlement a URL names, or a 404 page sent and null returned. */
  async function loadSettlement(req: FastifyRequest<{ Params: SettlementParams }>, reply: FastifyReply) {
    const loaded = await loadFund(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.settlementId);
    const s = id === null ? null : await getSettlement(db, loaded.partnership.id, loaded.fund.id, id);
    if (!s) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return { loaded, settlementId: s.id };
  }

  app.get<{ Params: SettlementParams }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/working.csv',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await loadSettlement(req, reply);
      if (!l) return reply;
      const s = (await getSettlement(
        db,
        l.loaded.partnership.id,
        l.loaded.fund.id,
        l.settlementId,
      )) as SettlementRow;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="settlement-${l.loaded.fund.id}-${s.id}.csv"`)
        .send(settlementCsv(l.loaded.fund.name, s));
    },
  );

  app.post<{ Params: SettlementParams; Body: FormBody | undefined }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/approve',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const l = await loadSettlement(req, reply);
      if (!l) return reply;
      const form = readApprovalForm(req.body);
      if (!form.ok)
        return showPage(req, reply.code(400), l.loaded, {
          values: req.body ?? {},
          ...withProblems(form.problems),
        });
      return run(
        req,
        reply,
        l.loaded,
        'decisionReference',
        (p) =>
          approveSettlement({
            ...p,
            settlementId: l.settlementId,
            decisionReference: form.value.decisionReference,
          }),
        (s) => `Settlement ${s.id} approved under ${s.decisionReference ?? ''}`,
      );
    },
  );

  app.post<{ Params: SettlementParams }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/post',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const l = await loadSettlement(req, reply);
      if (!l) return reply;
      return run(
        req,
        reply,
        l.loaded,
        'post',
        (p) => postSettlement({ ...p, settlementId: l.settlementId }),
        (s) =>
          `Settlement ${s.id} posted to the journal as ${s.postedEntryIds.length === 1 ? 'entry' : 'entries'} ${s.postedEntryIds.join(', ')}`,
      );
    },
  );

  app.post<{ Params: SettlementParams }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/withdraw',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const l = await loadSettlement(req, reply);
      if (!l) return reply;
      return run(
        req,
        reply,
        l.loaded,
        'withdraw',
        (p) => withdrawSettlement({ ...p, settlementId: l.settlementId }),
        (s) => `Settlement ${s.id} withdrawn`,
      );
    },
  );

  app.post<{ Params: SettlementParams; Body: FormBody | undefined }>(
    '/partnerships/:partnershipId/funds/:fundId/settlement/:settlementId/reverse',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const l = await loadSettlement(req, reply);
      if (!l) return reply;
      const form = readReversalForm(req.body);
      if (!form.ok)
        return showPage(req, reply.code(400), l.loaded, {
          values: req.body ?? {},
          ...withProblems(form.problems),
        });
      return run(
        req,
        reply,
        l.loaded,
        'reason',
        (p) =>
          reverseSettlement({
            ...p,
            settlementId: l.settlementId,
            reason: form.value.reason,
            onDate: todayInLondon(),
          }),
        (s) =>
          `Settlement ${s.id} reversed by ${s.reversalEntryIds.length === 1 ? 'entry' : 'entries'} ${s.reversalEntryIds.join(', ')}`,
      );
    },
  );
};
