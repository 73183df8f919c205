/**
 * The contracts register: the list (filtered to those ending within 12 months on asking), a contract with its
 * value by year, partner and fund arrangement, its extensions and KPIs; adding a contract; and on a contract's
 * page, setting a year's value, recording an extension exercised and adding a KPI.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { fields, type FormBody, formBody } from '../../kernel/forms.js';
import { financialYearLabel, financialYearOf, todayInLondon } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { SERVICES, serviceByKey } from '../../partnerships/index.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import {
  ARRANGEMENT_KEYS,
  CONTRACT_STATUS_LABELS,
  FUND_ARRANGEMENTS,
  KPI_FREQUENCIES,
  KPI_POLARITIES,
  PROCUREMENT_ROUTES,
  contractStatus,
  describeTerm,
  endsWithin12Months,
  latestPossibleEndDate,
  termLength,
  totalValuePence,
  valueBreakdown,
} from './rules.js';
import {
  CONTRACT_DATE_FIELDS,
  readContractForm,
  readExtensionForm,
  readKpiForm,
  readValueForm,
  shareField,
} from './schema.js';
import {
  addKpi,
  contractReferenceTaken,
  createContract,
  exerciseExtension,
  getContract,
  listContracts,
  setYearValue,
  type Contract,
} from './store.js';
import { awardChoices, decisionChoices, schemeChoices } from './choices.js';

type ContractParams = PartnershipParams & { contractId: string };
type Partner = { id: number; name: string };

const labels = {
  FUND_ARRANGEMENTS,
  PROCUREMENT_ROUTES,
  KPI_FREQUENCIES,
  KPI_POLARITIES,
  CONTRACT_STATUS_LABELS,
  ARRANGEMENT_KEYS,
};

const register = (pid: number) => ({ text: 'Contracts', href: `/partnerships/${pid}/contracts` });

export const contractRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const partnerName = (partners: Partner[], id: number) => partners.find((p) => p.id === id)?.name ?? '';

  app.get<{ Params: PartnershipParams; Querystring: { ending?: string } }>(
    '/partnerships/:partnershipId/contracts',
    { config: { action: 'contracts:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const today = todayInLondon();
      const endingOnly = req.query.ending === '12-months';
      const all = await listContracts(db, partnership.id);
      const shown = all.filter((c) => !endingOnly || endsWithin12Months(c.endDate, today));
      return reply.view('commissioning/contracts/views/register.njk', {
        pageTitle: endingOnly ? 'Contracts ending within 12 months' : 'Contracts register',
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        endingOnly,
        today,
        contracts: shown.map((c) => ({
          ...c,
          buyer: partnerName(partners, c.buyerOrganisationId),
          valuePence: totalValuePence(c.valueLines),
          status: contractStatus(c.startsOn, c.endDate, today),
          ending: endsWithin12Months(c.endDate, today),
        })),
        labels,
        can: canIn(req, partnership.id),
      });
    },
  );

  async function formChoices(partnershipId: number) {
    return {
      schemes: await schemeChoices(db, partnershipId),
      awards: await awardChoices(db, partnershipId),
      decisions: await decisionChoices(db, partnershipId),
    };
  }

  const showForm = async (
    reply: FastifyReply,
    partnership: { id: number; name: string },
    partners: Partner[],
    values: FormBody,
    problems?: FieldProblems,
  ) =>
    reply.view('commissioning/contracts/views/contractForm.njk', {
      pageTitle: 'Add a contract',
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, register(partnership.id)),
      partnership,
      partners,
      services: SERVICES.map((s) => ({ value: s.key, text: s.name })),
      ...(await formChoices(partnership.id)),
      values,
      chosenServices: fields(values, 'services'),
      ...(problems ? withProblems(problems, CONTRACT_DATE_FIELDS) : {}),
      labels,
    });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/contracts/new',
    { config: { action: 'contracts:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      return showForm(reply, loaded.partnership, loaded.partners, {});
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/contracts',
    { config: { action: 'contracts:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const choices = await formChoices(partnership.id);
      const parsed = readContractForm(req.body, {
        partnerIds: new Set(partners.map((p) => p.id)),
        schemeIds: new Set(choices.schemes.map((s) => s.id)),
        awardIds: new Set(choices.awards.map((a) => a.id)),
        decisionIds: new Set(choices.decisions.map((d) => d.id)),
      });
      const problems = parsed.ok ? {} : parsed.problems;
      if (parsed.ok && (await contractReferenceTaken(db, partnership.id, parsed.value.reference)))
        problems.reference = 'Another contract has this reference; enter a different one';
      if (!parsed.ok || Object.keys(problems).length > 0)
        return showForm(reply.code(400), partnership, partners, body, problems);
      const id = await transaction(db, (trx) =>
        createContract(trx, actorFor(req.principal), partnership.id, parsed.value),
      );
      req.session.flash = `Contract added: ${parsed.value.reference} ${parsed.value.title}`;
      return reply.redirect(`/partnerships/${partnership.id}/contracts/${id}`, 303);
    },
  );

  async function findContract(req: FastifyRequest<{ Params: ContractParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.contractId);
    const contract = id === null ? undefined : await getContract(db, loaded.partnership.id, id);
    if (!contract) {
      await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return null;
    }
    return { ...loaded, contract };
  }

  async function renderContract(
    req: FastifyRequest,
    reply: FastifyReply,
    found: { partnership: { id: number; name: string }; partners: Partner[]; contract: Contract },
    form?: { values: FormBody; problems: FieldProblems; dateFields?: string[] },
  ) {
    const { partnership, partners, contract: c } = found;
    const today = todayInLondon();
    const can = canIn(req, partnership.id);
    const choices = await formChoices(partnership.id);
    return reply.view('commissioning/contracts/views/contract.njk', {
      pageTitle: `${c.reference}: ${c.title}`,
      navSection: 'partnerships',
      breadcrumbs: breadcrumbsFor(partnership, register(partnership.id)),
      partnership,
      partners,
      c,
      buyer: partnerName(partners, c.buyerOrganisationId),
      status: contractStatus(c.startsOn, c.endDate, today),
      ending: endsWithin12Months(c.endDate, today),
      term: describeTerm(termLength(c.startsOn, c.endsOn)),
      latestEnd: latestPossibleEndDate(c.endsOn, c.extensionOptions),
      nextOption: c.extensionOptions.find((o) => o.exercisedOn === null) ?? null,
      services: c.serviceKeys.map((k) => serviceByKey(k)?.name ?? k),
      scheme: choices.schemes.find((s) => s.id === c.schemeId)?.text ?? null,
      award: choices.awards.find((a) => a.id === c.awardId) ?? null,
      decision: choices.decisions.find((d) => d.id === c.decisionId) ?? null,
      table: valueBreakdown(
        c.valueLines,
        partners.map((p) => p.id),
      ),
      partnerName: (id: number) => partnerName(partners, id),
      shareField,
      values: form?.values ?? { valueYear: financialYearLabel(financialYearOf(today)) },
      ...(form ? withProblems(form.problems, form.dateFields ?? []) : {}),
      labels,
      can,
      history: can('history:view') ? describeHistory(await historyOf(db, 'contract', c.id)) : null,
    });
  }

  app.get<{ Params: ContractParams }>(
    '/partnerships/:partnershipId/contracts/:contractId',
    { config: { action: 'contracts:view' } },
    async (req, reply) => {
      const found = await findContract(req, reply);
      if (!found) return reply;
      return renderContract(req, reply, found);
    },
  );

  app.post<{ Params: ContractParams }>(
    '/partnerships/:partnershipId/contracts/:contractId/values',
    { config: { action: 'contracts:edit' } },
    async (req, reply) => {
      const found = await findContract(req, reply);
      if (!found) return reply;
      const body = formBody(req.body);
      const parsed = readValueForm(
        req.body,
        found.partners.map((p) => p.id),
      );
      if (!parsed.ok)
        return renderContract(req, reply.code(400), found, { values: body, problems: parsed.problems });
      const { financialYear, lines } = parsed.value;
      await transaction(db, (trx) =>
        setYearValue(
          trx,
          actorFor(req.principal),
          found.partnership.id,
          found.contract.id,
          financialYear,
          lines,
        ),
      );
      req.session.flash = `Value for ${financialYearLabel(financialYear)} recorded`;
      return reply.redirect(
        `/partnerships/${found.partnership.id}/contracts/${found.contract.id}#value`,
        303,
      );
    },
  );

  app.post<{ Params: ContractParams }>(
    '/partnerships/:partnershipId/contracts/:contractId/extensions',
    { config: { action: 'contracts:edit' } },
    async (req, reply) => {
      const found = await findContract(req, reply);
      if (!found) return reply;
      const body = formBody(req.body);
      const parsed = readExtensionForm(req.body, found.contract.extensionOptions);
      if (!parsed.ok)
        return renderContract(req, reply.code(400), found, {
          values: body,
          problems: parsed.problems,
          dateFields: ['extensionDate'],
        });
      await transaction(db, (trx) =>
        exerciseExtension(
          trx,
          actorFor(req.principal),
          found.partnership.id,
          found.contract.id,
          parsed.value.position,
          parsed.value.exercisedOn,
        ),
      );
      req.session.flash = `Extension option ${parsed.value.position} recorded as exercised`;
      return reply.redirect(
        `/partnerships/${found.partnership.id}/contracts/${found.contract.id}#extensions`,
        303,
      );
    },
  );

  app.post<{ Params: ContractParams }>(
    '/partnerships/:partnershipId/contracts/:contractId/kpis',
    { config: { action: 'contracts:edit' } },
    async (req, reply) => {
      const found = await findContract(req, reply);
      if (!found) return reply;
      const body = formBody(req.body);
      const parsed = readKpiForm(req.body);
      if (!parsed.ok)
        return renderContract(req, reply.code(400), found, { values: body, problems: parsed.problems });
      await transaction(db, (trx) =>
        addKpi(trx, actorFor(req.principal), found.partnership.id, found.contract.id, parsed.value),
      );
      req.session.flash = `KPI added: ${parsed.value.name}`;
      return reply.redirect(`/partnerships/${found.partnership.id}/contracts/${found.contract.id}#kpis`, 303);
    },
  );
};
