/**
 * Setting up a fund through the web: the fund itself (pooled with its host and pooled fund manager, or aligned),
 * each partner's agreed contributions by funding stream, and in-year variations with the decision that approved
 * them (DOMAIN.md §4). Bad input re-renders the form with its problems and saves nothing; every write is audited
 * in its transaction by the store.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { hasProblems, formBody } from '../../kernel/forms.js';
import { financialYearLabel, financialYearOf, todayInLondon } from '../../kernel/dates.js';
import { formatPounds, pence } from '../../kernel/money.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { withProblems } from '../../http/request.js';
import { fundSetupAccess } from './fundAccess.js';
import { validateVariation } from './rules.js';
import { readContributionForm, readFundForm, readVariationForm } from './schema.js';
import { addContribution, contributionsOf, createFund, fundNameTaken } from './store.js';
import { fundCrumbs, loadFund, type FundParams } from './fundOfRequest.js';
import { fundYearChoices, mayChangeFund, partnerChoices, streamsOf, type LoadedFund } from './setupCommon.js';

export const fundSetupRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showFundForm = (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadPartnership>>>,
    extra: Record<string, unknown>,
  ) =>
    reply.view('ledger/funds/views/fundForm.njk', {
      pageTitle: 'Set up a fund',
      navSection: 'partnerships',
      breadcrumbs: fundCrumbs(loaded.partnership),
      partnership: loaded.partnership,
      partners: loaded.partners,
      years: fundYearChoices(),
      values: { financialYear: financialYearLabel(financialYearOf(todayInLondon())) },
      ...extra,
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/funds/new',
    { config: { action: 'fund:setup' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showFundForm(reply, loaded, {});
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/funds',
    { config: { action: 'fund:setup' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const parsed = readFundForm(body, partnerChoices(partners));
      const problems = parsed.ok ? {} : parsed.problems;
      if (parsed.ok) {
        const f = parsed.value;
        if (await fundNameTaken(db, partnership.id, f.financialYear, f.name))
          problems.name = `There is already a fund called ${f.name} in ${financialYearLabel(f.financialYear)}`;
        // a pooled fund is set up by the host's finance officers (ledger/funds/fundAccess.ts)
        const hostName = partners.find((p) => p.id === f.hostOrganisationId)?.name ?? 'the host';
        const access = fundSetupAccess(
          req.principal,
          partnership.id,
          { kind: f.kind, hostOrganisationId: f.hostOrganisationId },
          hostName,
        );
        if (!access.allowed) problems.hostOrganisationId = access.reason;
      }
      if (!parsed.ok || hasProblems(problems))
        return showFundForm(reply.code(400), loaded, { values: body, ...withProblems(problems) });
      const f = parsed.value;
      const id = await transaction(db, (trx) =>
        createFund(
          trx,
          actorFor(req.principal),
          partnership.id,
          f,
          partners.map((p) => p.id),
        ),
      );
      req.session.flash = `${f.name} set up for ${financialYearLabel(f.financialYear)}`;
      return reply.redirect(`/partnerships/${partnership.id}/funds/${id}`, 303);
    },
  );

  const showContributionForm = (
    reply: FastifyReply,
    loaded: LoadedFund,
    variation: boolean,
    extra: Record<string, unknown>,
  ) =>
    reply.view('ledger/funds/views/contributionForm.njk', {
      pageTitle: variation ? 'Record a variation of a contribution' : 'Add an agreed contribution',
      navSection: 'partnerships',
      breadcrumbs: fundCrumbs(loaded.partnership, loaded.fund),
      partnership: loaded.partnership,
      fund: loaded.fund,
      yearLabel: financialYearLabel(loaded.fund.financial_year),
      partners: loaded.partners,
      streams: streamsOf(loaded.fund),
      variation,
      action: `/partnerships/${loaded.partnership.id}/funds/${loaded.fund.id}/${variation ? 'variations' : 'contributions'}`,
      values: {},
      ...extra,
    });

  for (const variation of [false, true]) {
    const path = `/partnerships/:partnershipId/funds/:fundId/${variation ? 'variations' : 'contributions'}`;

    app.get<{ Params: FundParams }>(
      `${path}/new`,
      { config: { action: 'fund:setup' } },
      async (req, reply) => {
        const loaded = await loadFund(db, req, reply);
        if (!loaded || !(await mayChangeFund(req, reply, loaded))) return reply;
        return showContributionForm(reply, loaded, variation, {});
      },
    );

    app.post<{ Params: FundParams }>(path, { config: { action: 'fund:setup' } }, async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded || !(await mayChangeFund(req, reply, loaded))) return reply;
      const { partnership, fund, partners } = loaded;
      const body = formBody(req.body);
      const choices = partnerChoices(partners);
      const streams = streamsOf(fund);
      const refuse = (problems: Record<string, string>) =>
        showContributionForm(reply.code(400), loaded, variation, {
          values: body,
          ...withProblems(problems, ['effectiveOn']),
        });
      const actor = actorFor(req.principal);
      if (!variation) {
        const parsed = readContributionForm(body, choices, streams);
        if (!parsed.ok) return refuse(parsed.problems);
        const c = parsed.value;
        await transaction(db, (trx) =>
          addContribution(trx, actor, partnership.id, fund.id, {
            ...c,
            kind: 'agreed',
            decisionReference: null,
            effectiveOn: null,
          }),
        );
        req.session.flash = `${formatPounds(c.amountPence)} from ${loaded.nameOf(c.organisationId)} (${c.stream}) added`;
        return reply.redirect(`/partnerships/${partnership.id}/funds/${fund.id}#contributions`, 303);
      }
      const parsed = readVariationForm(body, choices, streams);
      if (!parsed.ok) return refuse(parsed.problems);
      const v = parsed.value;
      const current = (await contributionsOf(db, partnership.id, fund.id)).find(
        (c) => c.organisationId === v.organisationId && c.stream === v.stream,
      );
      const problems = validateVariation(v, fund.financial_year, current?.amountPence ?? pence(0));
      if (hasProblems(problems)) return refuse(problems);
      await transaction(db, (trx) =>
        addContribution(trx, actor, partnership.id, fund.id, { ...v, kind: 'variation' }),
      );
      req.session.flash = `Variation of ${formatPounds(v.amountPence)} to ${loaded.nameOf(v.organisationId)}’s ${v.stream} recorded (decision ${v.decisionReference})`;
      return reply.redirect(`/partnerships/${partnership.id}/funds/${fund.id}#variations`, 303);
    });
  }
};
