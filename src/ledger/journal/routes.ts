/**
 * The journal seen through the web: a fund's entries (filtered by period and source, paged), one entry with its
 * postings and where they came from, reversing an entry with a reason, the trial balance, and each account's
 * postings.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { financialYearBounds, financialYearLabel, periodOf, type IsoDate } from '../../kernel/dates.js';
import { field, type FormBody } from '../../kernel/forms.js';
import { sumPence } from '../../kernel/money.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import {
  accountPostings,
  ENTRIES_PER_PAGE,
  ENTRY_SOURCES,
  getAccount,
  getEntry,
  isEntrySource,
  listEntries,
  POSTINGS_PER_PAGE,
  trialBalance,
} from './queries.js';
import { reverseWithReason } from './corrections.js';
import { fundCrumbs, loadFund, type FundParams } from '../funds/index.js';
import { mayReadPartnerOf } from '../statements/index.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadFund>>>;
type EntryParams = FundParams & { entryId: string };
type JournalQuery = { period?: string; source?: string; page?: string };

export const MONTHS = [
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'January',
  'February',
  'March',
];

/** A period from a query string (`3` or `P3`), or null. */
export function periodParam(raw: string | undefined): number | null {
  const p = Number((raw ?? '').replace(/^P/i, ''));
  return raw && Number.isInteger(p) && p >= 1 && p <= 12 ? p : null;
}

const pageParam = (raw: string | undefined) => {
  const n = Number(raw ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
};

export const journalHref = (l: Loaded, rest = '') =>
  `/partnerships/${l.partnership.id}/funds/${l.fund.id}${rest}`;

/** An account's name with the partner it concerns named (the chart of accounts stores the partner's id). */
export const accountName = (name: string, nameOf: (id: number | null) => string) =>
  name.replace(/partner (\d+)/, (_m, id: string) => nameOf(Number(id)));

const journalCrumbs = (l: Loaded) => [
  ...fundCrumbs(l.partnership, l.fund),
  { text: 'Journal', href: journalHref(l, '/journal') },
];

/** The period an entry's date falls in, when its date is in the fund's year (late items are posted later). */
function datedPeriod(financialYear: number, entryDate: string): number | null {
  const { startsOn, endsOn } = financialYearBounds(financialYear);
  return entryDate >= startsOn && entryDate <= endsOn ? periodOf(entryDate as IsoDate) : null;
}

export const journalRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: FundParams; Querystring: JournalQuery }>(
    '/partnerships/:partnershipId/funds/:fundId/journal',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const period = periodParam(req.query.period);
      const source = req.query.source && isEntrySource(req.query.source) ? req.query.source : null;
      const page = pageParam(req.query.page);
      const { total, entries } = await listEntries(db, l.partnership.id, l.fund.id, { period, source, page });
      const pages = Math.max(1, Math.ceil(total / ENTRIES_PER_PAGE));
      const query = (p: number) =>
        `?${new URLSearchParams({ ...(period ? { period: String(period) } : {}), ...(source ? { source } : {}), page: String(p) }).toString()}`;
      return reply.view('ledger/journal/views/journal.njk', {
        pageTitle: `Journal, ${l.fund.name}${page > 1 ? `, page ${page}` : ''}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(l.partnership, l.fund),
        partnership: l.partnership,
        fund: l.fund,
        yearLabel: financialYearLabel(l.fund.financial_year),
        base: journalHref(l),
        periods: MONTHS.map((m, i) => ({
          value: i + 1,
          text: `P${i + 1} (${m})`,
          selected: period === i + 1,
        })),
        sources: Object.entries(ENTRY_SOURCES).map(([value, text]) => ({
          value,
          text,
          selected: source === value,
        })),
        sourceNames: ENTRY_SOURCES,
        filtered: period !== null || source !== null,
        entries: entries.map((e) => {
          const dated = datedPeriod(l.fund.financial_year, e.entry_date);
          return { ...e, late: e.source !== 'reversal' && dated !== null && dated < e.period ? dated : null };
        }),
        total,
        page,
        pages,
        previous: page > 1 ? query(page - 1) : null,
        next: page < pages ? query(page + 1) : null,
        can: canIn(req, l.partnership.id),
      });
    },
  );

  const showEntry = async (
    req: FastifyRequest<{ Params: EntryParams }>,
    reply: FastifyReply,
    l: Loaded,
    extra: Record<string, unknown> = {},
  ) => {
    const id = idParam(req.params.entryId);
    const found = id === null ? undefined : await getEntry(db, l.partnership.id, l.fund.id, id);
    if (!found) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
    const { entry, postings, reversedBy, postingCount } = found;
    const original =
      entry.reverses_entry_id === null
        ? undefined
        : await getEntry(db, l.partnership.id, l.fund.id, entry.reverses_entry_id);
    const dated = datedPeriod(l.fund.financial_year, entry.entry_date);
    // a late item: dated in (or reversing an entry of) a period that was closed when it was posted
    const intendedPeriod = original ? original.entry.period : dated;
    return reply.view('ledger/journal/views/journalEntry.njk', {
      pageTitle: `Journal entry ${entry.id}`,
      navSection: 'partnerships',
      breadcrumbs: journalCrumbs(l),
      partnership: l.partnership,
      fund: l.fund,
      base: journalHref(l),
      entry,
      sourceName: ENTRY_SOURCES[entry.source],
      late: intendedPeriod !== null && intendedPeriod < entry.period ? intendedPeriod : null,
      reversedBy,
      postings: postings.map((p) => ({
        ...p,
        account_name: accountName(p.account_name, l.nameOf),
        partner: l.nameOf(p.organisation_id),
      })),
      postingCount,
      debitsPence: sumPence(postings.filter((p) => p.amount_pence > 0).map((p) => p.amount_pence)),
      creditsPence: sumPence(postings.filter((p) => p.amount_pence < 0).map((p) => -p.amount_pence)),
      importPartner: l.nameOf(entry.import_organisation_id),
      canReverse: canIn(req, l.partnership.id)('journal:post') && !reversedBy && entry.source !== 'reversal',
      values: {},
      ...extra,
    });
  };

  app.get<{ Params: EntryParams }>(
    '/partnerships/:partnershipId/funds/:fundId/journal/entries/:entryId',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      return showEntry(req, reply, l);
    },
  );

  app.post<{ Params: EntryParams; Body: FormBody }>(
    '/partnerships/:partnershipId/funds/:fundId/journal/entries/:entryId/reverse',
    { config: { action: 'journal:post' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const id = idParam(req.params.entryId);
      const reason = field(req.body, 'reason');
      const problem = !reason
        ? 'Enter the reason for reversing this entry'
        : reason.length > 500
          ? 'Reason must be 500 characters or fewer'
          : null;
      if (problem || id === null)
        return showEntry(req, reply.code(400), l, {
          values: { reason },
          ...withProblems({ reason: problem ?? '' }),
        });
      const done = await reverseWithReason(db, actorFor(req.principal), l.partnership.id, l.fund, id, reason);
      if (!done.ok)
        return showEntry(req, reply.code(400), l, {
          values: { reason },
          ...withProblems({ reason: done.problem }),
        });
      req.session.flash = `Entry ${id} was reversed by entry ${done.value.entryId}, posted in P${done.value.period}`;
      return reply.redirect(journalHref(l, `/journal/entries/${done.value.entryId}`), 303);
    },
  );

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/trial-balance',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const rows = await trialBalance(db, l.partnership.id, l.fund.id);
      const debitsPence = sumPence(rows.map((r) => r.debitPence));
      const creditsPence = sumPence(rows.map((r) => r.creditPence));
      const netPence = sumPence(rows.map((r) => r.balancePence));
      return reply.view('ledger/journal/views/journalTrialBalance.njk', {
        pageTitle: `Trial balance, ${l.fund.name}`,
        navSection: 'partnerships',
        breadcrumbs: journalCrumbs(l),
        partnership: l.partnership,
        fund: l.fund,
        yearLabel: financialYearLabel(l.fund.financial_year),
        base: journalHref(l),
        rows: rows.map((r) => ({ ...r, name: accountName(r.name, l.nameOf) })),
        debitsPence,
        creditsPence,
        netPence,
        balanced: debitsPence === creditsPence && netPence === 0,
      });
    },
  );

  app.get<{ Params: FundParams & { code: string }; Querystring: { page?: string } }>(
    '/partnerships/:partnershipId/funds/:fundId/accounts/:code',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const l = await loadFund(db, req, reply);
      if (!l) return reply;
      const account = await getAccount(db, l.partnership.id, l.fund.id, req.params.code);
      if (!account) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      // a partner's contributions are its own business and the host's (ledger/statements/access.ts)
      if (
        account.kind === 'contribution' &&
        account.organisation_id !== null &&
        !(await mayReadPartnerOf(req, reply, l, account.organisation_id))
      )
        return reply;
      const page = pageParam(req.query.page);
      const { count, balancePence, postings } = await accountPostings(
        db,
        l.partnership.id,
        l.fund.id,
        account.code,
        page,
      );
      const pages = Math.max(1, Math.ceil(count / POSTINGS_PER_PAGE));
      return reply.view('ledger/journal/views/journalAccount.njk', {
        pageTitle: `Account ${account.code}, ${l.fund.name}`,
        navSection: 'partnerships',
        breadcrumbs: [...journalCrumbs(l), { text: 'Trial balance', href: journalHref(l, '/trial-balance') }],
        partnership: l.partnership,
        fund: l.fund,
        base: journalHref(l),
        account: { ...account, name: accountName(account.name, l.nameOf) },
        accountPartner: l.nameOf(account.organisation_id),
        count,
        balancePence,
        postings: postings.map((p) => ({ ...p, partner: l.nameOf(p.organisation_id) })),
        page,
        pages,
        previous: page > 1 ? `?page=${page - 1}` : null,
        next: page < pages ? `?page=${page + 1}` : null,
        sourceNames: ENTRY_SOURCES,
      });
    },
  );
};
