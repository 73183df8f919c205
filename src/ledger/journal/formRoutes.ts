/**
 * Writing to the journal from the web: a manual adjustment (two or more lines that balance), the periods with
 * their state and closing the next one, and raising the partners' contribution instalments.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { field, readDateInput, type FormBody } from '../../kernel/forms.js';
import { canIn } from '../../auth/index.js';
import { withProblems } from '../../http/request.js';
import { closedPeriods } from './store.js';
import { listAccounts, periodActivity, periodCloses } from './queries.js';
import { closeNextPeriod, postManualEntry } from './corrections.js';
import { MANUAL_ENTRY_LINES, readManualEntry } from './manualEntry.js';
import { raiseContributionInstalments } from './contributions.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { accountName, journalHref, MONTHS } from './routes.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadFund>>>;
const LINE_NUMBERS = Array.from({ length: MANUAL_ENTRY_LINES }, (_, i) => i + 1);

export const journalFormRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = async (reply: FastifyReply, l: Loaded, extra: Record<string, unknown>) => {
    const accounts = await listAccounts(db, l.partnership.id, l.fund.id);
    return reply.view('ledger/journal/views/journalManualForm.njk', {
      pageTitle: 'Post a manual journal entry',
      navSection: 'partnerships',
      breadcrumbs: [
        ...fundCrumbs(l.partnership, l.fund),
        { text: 'Journal', href: journalHref(l, '/journal') },
      ],
      partnership: l.partnership,
      fund: l.fund,
      yearLabel: financialYearLabel(l.fund.financial_year),
      base: journalHref(l),
      accounts: accounts.map((a) => ({
        code: a.code,
        text: `${a.code}: ${accountName(a.name, l.nameOf)}`,
      })),
      partners: l.partners.map((p) => ({ id: p.id, name: p.short_name ?? p.name })),
      lineNumbers: LINE_NUMBERS,
      values: {},
      ...extra,
    });
  };

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/journal/new',
    { config: { action: 'journal:post' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      return showForm(reply, l, {});
    },
  );

  app.post<{ Params: FundParams; Body: FormBody }>(
    '/partnerships/:partnershipId/funds/:fundId/journal',
    { config: { action: 'journal:post' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const body = req.body;
      const values: Record<string, string> = {
        description: field(body, 'description'),
        decisionReference: field(body, 'decisionReference'),
        ...Object.fromEntries(
          ['entryDate-day', 'entryDate-month', 'entryDate-year'].map((k) => [k, field(body, k)]),
        ),
      };
      for (const n of LINE_NUMBERS)
        for (const k of ['account', 'partner', 'debit', 'credit'])
          values[`${k}-${n}`] = field(body, `${k}-${n}`);
      const accounts = await listAccounts(db, l.partnership.id, l.fund.id);
      const outcome = readManualEntry(
        {
          description: values.description ?? '',
          decisionReference: values.decisionReference ?? '',
          entryDate: readDateInput(body, 'entryDate', 'the date of the entry', true),
          lines: LINE_NUMBERS.map((n) => ({
            account: values[`account-${n}`] ?? '',
            partner: values[`partner-${n}`] ?? '',
            debit: values[`debit-${n}`] ?? '',
            credit: values[`credit-${n}`] ?? '',
          })),
        },
        accounts.map((a) => ({
          code: a.code,
          name: a.name,
          kind: a.kind,
          organisationId: a.organisation_id,
          schemeId: a.scheme_id,
        })),
        l.partners.map((p) => p.id),
        l.fund.financial_year,
      );
      if (!outcome.ok)
        return showForm(reply.code(400), l, { values, ...withProblems(outcome.problems, ['entryDate']) });
      const done = await postManualEntry(db, actorFor(req.principal), l.partnership.id, l.fund.id, outcome);
      if (!done.ok) return showForm(reply.code(400), l, { values, ...withProblems({ lines: done.problem }) });
      req.session.flash = `Posted journal entry ${done.value.entryId} in P${done.value.period}`;
      return reply.redirect(journalHref(l, `/journal/entries/${done.value.entryId}`), 303);
    },
  );

  const showPeriods = async (reply: FastifyReply, l: Loaded, can: ReturnType<typeof canIn>, extra = {}) => {
    const closes = await periodCloses(db, l.partnership.id, l.fund.id);
    const activity = await periodActivity(db, l.partnership.id, l.fund.id);
    const closed = new Set(closes.map((c) => c.period));
    const firstOpen = MONTHS.map((_m, i) => i + 1).find((p) => !closed.has(p));
    return reply.view('ledger/journal/views/journalPeriods.njk', {
      pageTitle: `Periods, ${l.fund.name}`,
      navSection: 'partnerships',
      breadcrumbs: [
        ...fundCrumbs(l.partnership, l.fund),
        { text: 'Journal', href: journalHref(l, '/journal') },
      ],
      partnership: l.partnership,
      fund: l.fund,
      yearLabel: financialYearLabel(l.fund.financial_year),
      base: journalHref(l),
      firstOpen: firstOpen ?? null,
      periods: MONTHS.map((month, i) => {
        const period = i + 1;
        const close = closes.find((c) => c.period === period);
        return { period, month, close, entries: activity.get(period) ?? 0, next: period === firstOpen };
      }),
      can,
      ...extra,
    });
  };

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/periods',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      return showPeriods(reply, l, canIn(req, l.partnership.id));
    },
  );

  app.post<{ Params: FundParams & { period: string } }>(
    '/partnerships/:partnershipId/funds/:fundId/periods/:period/close',
    { config: { action: 'period:close' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const period = Number(req.params.period);
      if (!/^\d{1,2}$/.test(req.params.period) || period < 1 || period > 12)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const done = await closeNextPeriod(db, actorFor(req.principal), l.partnership.id, l.fund.id, period);
      if (!done.ok)
        return showPeriods(
          reply.code(400),
          l,
          canIn(req, l.partnership.id),
          withProblems({ periods: done.problem }),
        );
      req.session.flash = `P${period} (${MONTHS[period - 1] ?? ''}) is closed: late items for it will be posted in the next open period`;
      return reply.redirect(journalHref(l, '/periods'), 303);
    },
  );

  app.post<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/contributions/instalments',
    { config: { action: 'journal:post' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const closed = await closedPeriods(db, l.partnership.id, l.fund.id);
      if (closed.size === 12)
        return showPeriods(
          reply.code(400),
          l,
          canIn(req, l.partnership.id),
          withProblems({ periods: 'Every period is closed: nothing can be raised' }),
        );
      const posted = await transaction(db, (trx) =>
        raiseContributionInstalments(trx, actorFor(req.principal), l.partnership.id, l.fund.id),
      );
      req.session.flash =
        posted.length === 0
          ? 'The contributions are already raised in full: nothing to add'
          : `Raised the contributions in ${posted.length} ${posted.length === 1 ? 'entry' : 'entries'}: ${posted.map((p) => `entry ${p.entryId} in P${p.period}`).join(', ')}`;
      return reply.redirect(journalHref(l, '/journal'), 303);
    },
  );
};
