/** Recording money received from a partner against its contribution: Dr HOST, Cr DEB-partner. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { financialYearBounds, financialYearLabel, type IsoDate } from '../../kernel/dates.js';
import { field, readDateInput, type FormBody } from '../../kernel/forms.js';
import { formatPounds, parsePounds } from '../../kernel/money.js';
import type { FieldProblems } from '../../kernel/result.js';
import { withProblems } from '../../http/request.js';
import { recordContributionReceipt } from './contributions.js';
import { isReferenceClash } from './store.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { journalHref } from './routes.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadFund>>>;

export const contributionReceiptRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (reply: FastifyReply, l: Loaded, extra: Record<string, unknown>) =>
    reply.view('ledger/journal/views/journalReceiptForm.njk', {
      pageTitle: 'Record a contribution received',
      navSection: 'partnerships',
      breadcrumbs: [
        ...fundCrumbs(l.partnership, l.fund),
        { text: 'Journal', href: journalHref(l, '/journal') },
      ],
      partnership: l.partnership,
      fund: l.fund,
      yearLabel: financialYearLabel(l.fund.financial_year),
      base: journalHref(l),
      partners: l.partners,
      values: {},
      ...extra,
    });

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/contributions/receipts/new',
    { config: { action: 'journal:post' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      return showForm(reply, l, {});
    },
  );

  app.post<{ Params: FundParams; Body: FormBody }>(
    '/partnerships/:partnershipId/funds/:fundId/contributions/receipts',
    { config: { action: 'journal:post' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const body = req.body;
      const values = Object.fromEntries(
        [
          'organisationId',
          'amount',
          'reference',
          'receivedOn-day',
          'receivedOn-month',
          'receivedOn-year',
        ].map((k) => [k, field(body, k)]),
      );
      const problems: FieldProblems = {};
      const organisationId = Number(values.organisationId);
      if (!l.partners.some((p) => p.id === organisationId))
        problems.organisationId = 'Select the partner the money came from';
      const amount = parsePounds(values.amount ?? '');
      if (!amount.ok) problems.amount = amount.error;
      else if (amount.value <= 0) problems.amount = 'Amount received must be more than £0.00';
      const date = readDateInput(body, 'receivedOn', 'the date received', true);
      const { startsOn, endsOn } = financialYearBounds(l.fund.financial_year);
      if (date.problem) problems.receivedOn = date.problem;
      else if (date.value && (date.value < startsOn || date.value > endsOn))
        problems.receivedOn = `The date received must be in ${financialYearLabel(l.fund.financial_year)}`;
      const reference = values.reference ?? '';
      if (reference.length > 100) problems.reference = 'Reference must be 100 characters or fewer';
      if (Object.keys(problems).length > 0 || !amount.ok || !date.value)
        return showForm(reply.code(400), l, { values, ...withProblems(problems, ['receivedOn']) });
      const receivedOn = date.value as IsoDate;
      let posted: { entryId: number; period: number };
      try {
        posted = await transaction(db, (trx) =>
          recordContributionReceipt(trx, actorFor(req.principal), l.partnership.id, l.fund.id, {
            organisationId,
            amountPence: amount.value,
            receivedOn,
            reference: reference || null,
          }),
        );
      } catch (e) {
        // the same partner's reference used before (references are unique per partner within a fund)
        if (isReferenceClash(e))
          return showForm(reply.code(400), l, {
            values,
            ...withProblems({ reference: `Reference ${reference} was recorded before for this partner` }),
          });
        throw e;
      }
      req.session.flash = `Recorded ${formatPounds(amount.value)} received from ${l.nameOf(organisationId)} as entry ${posted.entryId} in P${posted.period}`;
      return reply.redirect(journalHref(l, `/journal/entries/${posted.entryId}`), 303);
    },
  );
};
