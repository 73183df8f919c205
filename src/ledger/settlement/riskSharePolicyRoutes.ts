/** The fund's risk-share policy: read it in words, and (finance officers, administrators) set it. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { financialYearLabel } from '../../kernel/dates.js';
import type { FormBody } from '../../kernel/forms.js';
import { canIn } from '../../auth/index.js';
import { withProblems } from '../../http/request.js';
import { describeStep } from './riskShare.js';
import { policyFormValues, readPolicyForm } from './schema.js';
import { fundPartners, getRiskSharePolicy, setRiskSharePolicy } from './store.js';
import { DEFAULT_POLICY } from '../statements/index.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadFund>>>;

export async function riskSharePolicyRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const base = (l: Loaded) => `/partnerships/${l.partnership.id}/funds/${l.fund.id}`;

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/risk-share',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const stored = await getRiskSharePolicy(db, loaded.partnership.id, loaded.fund.id);
      return reply.view('ledger/settlement/views/riskSharePolicy.njk', {
        pageTitle: `Risk-share policy, ${loaded.fund.name}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(loaded.partnership, loaded.fund),
        partnership: loaded.partnership,
        fund: loaded.fund,
        yearLabel: financialYearLabel(loaded.fund.financial_year),
        stored,
        steps: (stored?.policy ?? DEFAULT_POLICY).steps.map((s) => describeStep(s, loaded.nameOf)),
        base: base(loaded),
        can: canIn(req, loaded.partnership.id),
      });
    },
  );

  const showForm = async (reply: FastifyReply, loaded: Loaded, extra: Record<string, unknown>) =>
    reply.view('ledger/settlement/views/riskSharePolicyForm.njk', {
      pageTitle: `Set the risk-share policy`,
      navSection: 'partnerships',
      breadcrumbs: [
        ...fundCrumbs(loaded.partnership, loaded.fund),
        { text: 'Risk-share policy', href: `${base(loaded)}/risk-share` },
      ],
      partnership: loaded.partnership,
      fund: loaded.fund,
      partners: await fundPartners(db, loaded.partnership.id, loaded.fund.id),
      action: `${base(loaded)}/risk-share`,
      ...extra,
    });

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/risk-share/edit',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const stored = await getRiskSharePolicy(db, loaded.partnership.id, loaded.fund.id);
      const values = policyFormValues(stored?.policy ?? null, stored?.agreementClause ?? '');
      // a policy stored in an order the form cannot show (set outside the form) is said so, not lost silently
      const again = stored
        ? readPolicyForm(values, await fundPartners(db, loaded.partnership.id, loaded.fund.id))
        : null;
      const shownWhole =
        !stored ||
        (again?.ok === true && JSON.stringify(again.value.policy) === JSON.stringify(stored.policy));
      return showForm(reply, loaded, { values, shownWhole });
    },
  );

  app.post<{ Params: FundParams; Body: FormBody | undefined }>(
    '/partnerships/:partnershipId/funds/:fundId/risk-share',
    { config: { action: 'ledger:settle' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const partners = await fundPartners(db, loaded.partnership.id, loaded.fund.id);
      const body = req.body ?? {};
      const parsed = readPolicyForm(body, partners);
      if (!parsed.ok)
        return showForm(reply.code(400), loaded, { values: body, ...withProblems(parsed.problems) });
      await transaction(db, (trx) =>
        setRiskSharePolicy(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.fund.id,
          parsed.value.policy,
          parsed.value.agreementClause,
        ),
      );
      req.session.flash = 'The risk-share policy is saved';
      return reply.redirect(`${base(loaded)}/risk-share`, 303);
    },
  );
}
