/**
 * Schemes and import profiles through the web. A scheme's service is checked against the service scope: a pooled
 * fund refuses an excluded NHS function with the regulation's reason (SI 2000/617 reg 3). A scheme's budget and
 * profile may change only until the first posting lands on it; after that its descriptive fields and cost centres
 * may still change. (A dated budget variation would also need the monitoring report to read budgets by date; a
 * lock is the simpler rule that keeps every report already issued true.)
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { field, hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import { toDecimalString } from '../../kernel/money.js';
import { idParam, withProblems } from '../../http/request.js';
import { SERVICES, eligibilityFor } from '../../partnerships/index.js';
import {
  AREAS_OF_SPEND,
  BCF_SCHEME_TYPES,
  COMMISSIONERS,
  IMPORT_FIELDS,
  PERIOD_MONTHS,
  costCentresText,
  payerProblem,
  readCostCentres,
} from './rules.js';
import { budgetField, readImportProfileForm, readSchemeForm } from './schema.js';
import { STANDARD_COLUMNS, importProfileOf, setImportProfile } from './store.js';
import {
  costCentresTaken,
  createScheme,
  getScheme,
  schemeCodeTaken,
  schemeHasPostings,
  updateScheme,
  type SchemeDetail,
  type SchemeFields,
} from './schemeStore.js';
import { fundCrumbs, loadFund, type FundParams } from './fundOfRequest.js';
import { mayChangeFund, partnerChoices, streamsOf, type LoadedFund } from './setupCommon.js';

type SchemeParams = FundParams & { schemeId: string };
type ProfileParams = FundParams & { organisationId: string };

/** The form's values for a scheme being edited. */
function schemeValues(s: SchemeDetail, loaded: LoadedFund): Record<string, string> {
  const streams = streamsOf(loaded.fund);
  const values: Record<string, string> = {
    code: s.code,
    name: s.name,
    description: s.description,
    schemeType: s.schemeType,
    areaOfSpend: s.areaOfSpend,
    commissioner: s.commissioner,
    commissionerOrganisationId:
      s.commissionerOrganisationId === null ? '' : String(s.commissionerOrganisationId),
    provider: s.provider,
    service: s.service,
  };
  for (const b of s.budgets) {
    const i = streams.findIndex((x) => x.name === b.stream);
    if (i >= 0) values[budgetField(b.organisationId, i)] = toDecimalString(b.amountPence);
  }
  s.profile.forEach((w, i) => (values[`profile-${i + 1}`] = String(w)));
  for (const p of loaded.partners)
    values[`costCentres-${p.id}`] = costCentresText(s.costCentres.filter((c) => c.organisationId === p.id));
  return values;
}

export const schemeSetupRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showSchemeForm = (
    reply: FastifyReply,
    loaded: LoadedFund,
    extra: { values: Record<string, unknown> } & Record<string, unknown>,
  ) => {
    const pooled = loaded.fund.kind === 'pooled';
    const streams = streamsOf(loaded.fund).map((s, i) => ({ ...s, index: i }));
    return reply.view('ledger/funds/views/schemeForm.njk', {
      navSection: 'partnerships',
      breadcrumbs: fundCrumbs(loaded.partnership, loaded.fund),
      partnership: loaded.partnership,
      fund: loaded.fund,
      partners: loaded.partners,
      // each partner is offered the streams it can pay into, and any stream it already has a figure in
      budgetRows: loaded.partners.map((p) => ({
        partner: p,
        streams: streams.filter(
          (s) =>
            payerProblem(s, p.kind, p.name) === null ||
            (extra.values[budgetField(p.id, s.index)] ?? '') !== '',
        ),
      })),
      schemeTypes: BCF_SCHEME_TYPES,
      areasOfSpend: AREAS_OF_SPEND,
      commissioners: COMMISSIONERS,
      months: PERIOD_MONTHS,
      services: SERVICES.map((s) => ({
        key: s.key,
        name: s.name,
        refused: eligibilityFor(s, pooled ? 'pooled_fund' : 'aligned_budget').kind === 'refused',
      })),
      ...extra,
    });
  };

  /** The form checked whole: its fields, then a scheme ID and cost centres not used by another scheme. */
  async function check(body: FormBody, loaded: LoadedFund, existing?: SchemeDetail) {
    const parsed = readSchemeForm(body, {
      partners: partnerChoices(loaded.partners),
      streams: streamsOf(loaded.fund),
      fundKind: loaded.fund.kind,
      fixedCode: existing?.code,
    });
    const problems: Record<string, string> = parsed.ok ? {} : { ...parsed.problems };
    const { partnership, fund } = loaded;
    const code = existing?.code ?? field(body, 'code');
    if (!existing && !problems.code && (await schemeCodeTaken(db, partnership.id, fund.id, code)))
      problems.code = `There is already a scheme ${code} in this fund`;
    // checked even when other fields are wrong, so that one submission shows every problem
    const costCentres = loaded.partners.flatMap(
      (p) => readCostCentres(p.id, field(body, `costCentres-${p.id}`)).lines,
    );
    for (const t of await costCentresTaken(db, partnership.id, fund.id, costCentres, existing?.id))
      problems[`costCentres-${t.organisationId}`] ??=
        `${t.costCentre} already pays for scheme ${t.schemeCode}`;
    return { problems, value: parsed.ok ? parsed.value : null };
  }

  const newPath = '/partnerships/:partnershipId/funds/:fundId/schemes';
  app.get<{ Params: FundParams }>(
    `${newPath}/new`,
    { config: { action: 'fund:setup' } },
    async (req, reply) => {
      const loaded = await loadFund(db, req, reply);
      if (!loaded || !(await mayChangeFund(req, reply, loaded))) return reply;
      const profile = Object.fromEntries(PERIOD_MONTHS.map((_, i) => [`profile-${i + 1}`, '1']));
      return showSchemeForm(reply, loaded, {
        pageTitle: 'Add a scheme',
        action: `/partnerships/${loaded.partnership.id}/funds/${loaded.fund.id}/schemes`,
        values: profile,
      });
    },
  );

  app.post<{ Params: FundParams }>(newPath, { config: { action: 'fund:setup' } }, async (req, reply) => {
    const loaded = await loadFund(db, req, reply);
    if (!loaded || !(await mayChangeFund(req, reply, loaded))) return reply;
    const { partnership, fund } = loaded;
    const body = formBody(req.body);
    const { problems, value } = await check(body, loaded);
    if (!value || hasProblems(problems))
      return showSchemeForm(reply.code(400), loaded, {
        pageTitle: 'Add a scheme',
        action: `/partnerships/${partnership.id}/funds/${fund.id}/schemes`,
        values: body,
        ...withProblems(problems),
      });
    await transaction(db, (trx) =>
      createScheme(trx, actorFor(req.principal), partnership.id, fund.id, value),
    );
    req.session.flash = `Scheme ${value.code}, ${value.name}, added`;
    return reply.redirect(`/partnerships/${partnership.id}/funds/${fund.id}#schemes`, 303);
  });

  const loadScheme = async (req: FastifyRequest<{ Params: SchemeParams }>, reply: FastifyReply) => {
    const loaded = await loadFund(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.schemeId);
    const scheme = id === null ? undefined : await getScheme(db, loaded.partnership.id, loaded.fund.id, id);
    if (!scheme) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    const locked = await schemeHasPostings(db, loaded.partnership.id, loaded.fund.id, scheme.id);
    return { loaded, scheme, locked };
  };

  const editPath = '/partnerships/:partnershipId/funds/:fundId/schemes/:schemeId/edit';
  app.get<{ Params: SchemeParams }>(editPath, { config: { action: 'fund:setup' } }, async (req, reply) => {
    const found = await loadScheme(req, reply);
    if (!found || !(await mayChangeFund(req, reply, found.loaded))) return reply;
    const { loaded, scheme, locked } = found;
    return showSchemeForm(reply, loaded, {
      pageTitle: `Change scheme ${scheme.code}`,
      action: `/partnerships/${loaded.partnership.id}/funds/${loaded.fund.id}/schemes/${scheme.id}/edit`,
      scheme,
      locked,
      values: schemeValues(scheme, loaded),
    });
  });

  app.post<{ Params: SchemeParams }>(editPath, { config: { action: 'fund:setup' } }, async (req, reply) => {
    const found = await loadScheme(req, reply);
    if (!found || !(await mayChangeFund(req, reply, found.loaded))) return reply;
    const { loaded, scheme, locked } = found;
    const { partnership, fund } = loaded;
    const body = formBody(req.body);
    const { problems, value } = await check(body, loaded, scheme);
    if (value && locked && budgetOrProfileChanged(scheme, value))
      problems.budget = `Postings have landed on scheme ${scheme.code}, so its budget and monthly profile can no longer change: every monitoring report already issued would change under it.`;
    if (!value || hasProblems(problems))
      return showSchemeForm(reply.code(400), loaded, {
        pageTitle: `Change scheme ${scheme.code}`,
        action: `/partnerships/${partnership.id}/funds/${fund.id}/schemes/${scheme.id}/edit`,
        scheme,
        locked,
        values: { ...body, code: scheme.code },
        ...withProblems(problems),
      });
    await transaction(db, (trx) =>
      updateScheme(trx, actorFor(req.principal), partnership.id, fund.id, scheme.id, value, {
        budgetsLocked: locked,
      }),
    );
    req.session.flash = `Scheme ${scheme.code}, ${value.name}, saved`;
    return reply.redirect(`/partnerships/${partnership.id}/funds/${fund.id}#schemes`, 303);
  });

  const showProfileForm = (reply: FastifyReply, loaded: LoadedFund, organisationId: number, extra: object) =>
    reply.view('ledger/funds/views/importProfileForm.njk', {
      pageTitle: `Import profile of ${loaded.nameOf(organisationId)}`,
      navSection: 'partnerships',
      breadcrumbs: fundCrumbs(loaded.partnership, loaded.fund),
      partnership: loaded.partnership,
      fund: loaded.fund,
      partnerName: loaded.nameOf(organisationId),
      action: `/partnerships/${loaded.partnership.id}/funds/${loaded.fund.id}/import-profiles/${organisationId}`,
      fields: IMPORT_FIELDS,
      ...extra,
    });

  const loadPartner = async (req: FastifyRequest<{ Params: ProfileParams }>, reply: FastifyReply) => {
    const loaded = await loadFund(db, req, reply);
    if (!loaded) return null;
    const organisationId = idParam(req.params.organisationId);
    if (organisationId === null || !loaded.partners.some((p) => p.id === organisationId)) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    // a partner's own finance officers may say how their ledger's extract is laid out
    return (await mayChangeFund(req, reply, loaded, organisationId)) ? { loaded, organisationId } : null;
  };

  const profilePath = '/partnerships/:partnershipId/funds/:fundId/import-profiles/:organisationId';
  app.get<{ Params: ProfileParams }>(
    profilePath,
    { config: { action: 'fund:setup' } },
    async (req, reply) => {
      const found = await loadPartner(req, reply);
      if (!found) return reply;
      const { loaded, organisationId } = found;
      const columns = await importProfileOf(db, loaded.partnership.id, loaded.fund.id, organisationId);
      return showProfileForm(reply, loaded, organisationId, { values: columns, standard: STANDARD_COLUMNS });
    },
  );

  app.post<{ Params: ProfileParams }>(
    profilePath,
    { config: { action: 'fund:setup' } },
    async (req, reply) => {
      const found = await loadPartner(req, reply);
      if (!found) return reply;
      const { loaded, organisationId } = found;
      const body = formBody(req.body);
      const parsed = readImportProfileForm(body);
      if (!parsed.ok)
        return showProfileForm(reply.code(400), loaded, organisationId, {
          values: Object.fromEntries(Object.keys(IMPORT_FIELDS).map((k) => [k, field(body, k)])),
          standard: STANDARD_COLUMNS,
          ...withProblems(parsed.problems),
        });
      await transaction(db, (trx) =>
        setImportProfile(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          loaded.fund.id,
          organisationId,
          parsed.value,
        ),
      );
      req.session.flash = `Import profile of ${loaded.nameOf(organisationId)} saved`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/funds/${loaded.fund.id}#imports`, 303);
    },
  );
};

/** True when a form's budget lines or profile differ from the scheme's. */
function budgetOrProfileChanged(before: SchemeDetail, after: SchemeFields): boolean {
  const lines = (b: readonly { organisationId: number; stream: string; amountPence: number }[]) =>
    b
      .map((x) => `${x.organisationId}|${x.stream}|${x.amountPence}`)
      .sort()
      .join(';');
  return (
    lines(before.budgets) !== lines(after.budgets) || before.profile.join(',') !== after.profile.join(',')
  );
}
