/** The funds of a partnership, each fund's contributions, schemes and imports, and importing an extract. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { Db } from '../../db/connection.js';
import type { PgliteBlobQuery } from '../../db/copyIn.js';
import { actorFor } from '../../auth/index.js';
import { financialYearLabel } from '../../kernel/dates.js';
import { sumPence } from '../../kernel/money.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { withProblems } from '../../http/request.js';
import { contributionsOf, listFunds, listVariations } from './store.js';
import { listSchemes } from './schemeStore.js';
import { fundSetupAccess } from './fundAccess.js';
import { listImports } from '../monitoring/index.js';
import { ImportJobs, percentRead } from '../import/index.js';
import { claimUpload, type UploadOnDisk } from '../../http/uploadToDisk.js';
import { fundCrumbs, loadFund, type FundParams } from './fundOfRequest.js';

/** The largest extract the import page takes (about 10 million rows of CSV). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export const fundRoutes: FastifyPluginAsync<{ db: Db; pglite?: PgliteBlobQuery | undefined }> = async (
  app,
  { db, pglite },
) => {
  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/funds',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const funds = await listFunds(db, loaded.partnership.id);
      const rows = await Promise.all(
        funds.map(async (f) => ({
          ...f,
          yearLabel: financialYearLabel(f.financial_year),
          host: loaded.partners.find((p) => p.id === f.host_organisation_id)?.name ?? null,
          totalPence: sumPence(
            (await contributionsOf(db, loaded.partnership.id, f.id)).map((c) => c.amountPence),
          ),
        })),
      );
      return reply.view('ledger/funds/views/funds.njk', {
        pageTitle: `Funds of ${loaded.partnership.name}`,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(loaded.partnership).slice(0, 2),
        partnership: loaded.partnership,
        funds: rows,
        can: canIn(req, loaded.partnership.id),
      });
    },
  );

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId',
    { config: { action: 'fund:view' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, partners, nameOf } = loaded;
      const contributions = await contributionsOf(db, partnership.id, fund.id);
      const schemes = await listSchemes(db, partnership.id, fund.id);
      return reply.view('ledger/funds/views/fund.njk', {
        pageTitle: fund.name,
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership),
        partnership,
        fund,
        yearLabel: financialYearLabel(fund.financial_year),
        host: nameOf(fund.host_organisation_id),
        contributions: contributions.map((c) => ({ ...c, partner: nameOf(c.organisationId) })),
        contributionTotalPence: sumPence(contributions.map((c) => c.amountPence)),
        byPartner: partners.map((p) => ({
          name: p.name,
          totalPence: sumPence(
            contributions.filter((c) => c.organisationId === p.id).map((c) => c.amountPence),
          ),
        })),
        schemes: schemes.map((s) => ({
          ...s,
          budgetPence: sumPence(s.budgets.map((b) => b.amountPence)),
          commissionerName: nameOf(s.commissionerOrganisationId),
        })),
        schemeTotalPence: sumPence(schemes.flatMap((s) => s.budgets.map((b) => b.amountPence))),
        // contributions less scheme budgets: what is left to budget (negative when schemes exceed the fund)
        unbudgetedPence: sumPence([
          ...contributions.map((c) => c.amountPence),
          ...schemes.flatMap((s) => s.budgets.map((b) => 0 - b.amountPence)),
        ]),
        imports: (await listImports(db, partnership.id, fund.id)).map((i) => ({
          ...i,
          partner: nameOf(i.organisation_id),
        })),
        can: canIn(req, partnership.id),
        variations: (await listVariations(db, partnership.id, fund.id)).map((v) => ({
          ...v,
          partner: nameOf(v.organisationId),
        })),
        partners,
        canSetUp: fundSetupAccess(
          req.principal,
          partnership.id,
          { kind: fund.kind, hostOrganisationId: fund.host_organisation_id },
          nameOf(fund.host_organisation_id),
        ).allowed,
      });
    },
  );

  const showImportForm = async (
    reply: FastifyReply,
    loaded: NonNullable<Awaited<ReturnType<typeof loadFund>>>,
    extra: Record<string, unknown>,
  ) =>
    reply.view('ledger/import/views/importForm.njk', {
      pageTitle: 'Import a general-ledger extract',
      navSection: 'partnerships',
      breadcrumbs: fundCrumbs(loaded.partnership, loaded.fund),
      partnership: loaded.partnership,
      fund: loaded.fund,
      partners: loaded.partners,
      values: {},
      ...extra,
    });

  app.get<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/imports/new',
    { config: { action: 'ledger:import' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      return showImportForm(reply, loaded, {});
    },
  );

  // one set of background import jobs per server; closing the server waits for them (see ledger/import/jobs.ts)
  const jobs = new ImportJobs();
  app.addHook('onClose', async () => jobs.idle());

  app.post<{ Params: FundParams }>(
    '/partnerships/:partnershipId/funds/:fundId/imports',
    {
      config: {
        action: 'ledger:import',
        // streamed to disk, so a year's extract may be larger than the server's in-memory upload limit
        uploadToDisk: true,
        multipartOptions: { limits: { fileSize: MAX_IMPORT_BYTES } },
      },
    },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund, partners } = loaded;
      const body = req.body as Record<
        string,
        { value?: unknown } | (MultipartFile & UploadOnDisk) | undefined
      >;
      const file = body.file as (MultipartFile & Partial<UploadOnDisk>) | undefined;
      const orgField = body.organisationId as { value?: unknown } | undefined;
      const organisationId = Number(typeof orgField?.value === 'string' ? orgField.value : '');
      const problems: Record<string, string> = {};
      if (!partners.some((p) => p.id === organisationId))
        problems.organisationId = 'Select the partner whose extract this is';
      if (!file?.filepath || !file.bytes) problems.file = 'Select a CSV or XLSX file';
      if (Object.keys(problems).length > 0 || !file?.filepath) {
        return showImportForm(reply.code(400), loaded, {
          values: { organisationId },
          ...withProblems(problems),
        });
      }
      // the job owns the uploaded file from here, and deletes it when it ends
      claimUpload(req, file.filepath);
      const job = jobs.start({
        db,
        actor: actorFor(req.principal),
        partnershipId: partnership.id,
        fundId: fund.id,
        organisationId,
        filename: file.filename,
        path: file.filepath,
        pglite,
      });
      return reply.redirect(`/partnerships/${partnership.id}/funds/${fund.id}/imports/jobs/${job.id}`, 303);
    },
  );

  app.get<{ Params: FundParams & { jobId: string } }>(
    '/partnerships/:partnershipId/funds/:fundId/imports/jobs/:jobId',
    { config: { action: 'ledger:import' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded) return reply;
      const { partnership, fund } = loaded;
      const job = jobs.get(req.params.jobId, partnership.id, fund.id, actorFor(req.principal).userId);
      const view = {
        navSection: 'partnerships',
        breadcrumbs: fundCrumbs(partnership, fund),
        partnership,
        fund,
      };
      if (!job)
        return reply
          .code(404)
          .view('ledger/import/views/importJob.njk', { ...view, pageTitle: 'Import not found' });
      const { state } = job;
      const failed = state.status === 'failed' ? state : null;
      return reply.view('ledger/import/views/importJob.njk', {
        ...view,
        pageTitle: `Importing ${job.filename}`,
        job,
        state,
        running: state.status === 'queued' || state.status === 'checking' || state.status === 'writing',
        percent: percentRead(state),
        imported: state.status === 'done' ? state.outcome : null,
        importProblems: failed?.outcome?.problems,
        problemCount: failed?.outcome?.problemCount,
        rowsRead: failed?.outcome?.rowsRead,
        error: failed?.error,
        filename: job.filename,
      });
    },
  );
};
