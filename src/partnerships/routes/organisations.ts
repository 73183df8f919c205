/** Organisations: the list, each one's page with the partnerships it sits in and its history, and the forms. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transaction, type Db } from '../../db/connection.js';
import { authorize } from '../../auth/index.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { dateInputValues, hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import { LOCAL_AUTHORITY_TIERS, ORGANISATION_KINDS, validateOrganisation } from '../rules.js';
import { readOrganisationForm } from '../schema.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  organisationCodesTaken,
  partnershipsOfOrganisation,
  updateOrganisation,
} from '../store.js';
import { idParam, withProblems } from '../../http/request.js';

const DATE_FIELDS = ['existsFrom', 'existsTo'];
type OrgParams = { organisationId: string };
const crumbs = [{ text: 'Organisations', href: '/organisations' }];

export const organisationRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('partnerships/views/organisationForm.njk', {
      navSection: 'organisations',
      breadcrumbs: crumbs,
      kinds: ORGANISATION_KINDS,
      tiers: LOCAL_AUTHORITY_TIERS,
      ...data,
    });

  /** The form's input checked for shape and for codes that another organisation holds. */
  async function check(body: FormBody, exceptId?: number) {
    const parsed = readOrganisationForm(body);
    if (!parsed.ok) return { problems: parsed.problems, value: null };
    // a code of the wrong shape is the first thing to fix, so its message wins over "already taken"
    const problems = {
      ...(await organisationCodesTaken(db, parsed.value, exceptId)),
      ...validateOrganisation(parsed.value),
    };
    return { problems, value: parsed.value };
  }

  app.get('/organisations', { config: { action: 'organisation:view' } }, async (req, reply) =>
    reply.view('partnerships/views/organisations.njk', {
      pageTitle: 'Organisations',
      navSection: 'organisations',
      organisations: await listOrganisations(db),
      kinds: ORGANISATION_KINDS,
      canEdit: authorize(req.principal, 'organisation:edit'),
    }),
  );

  app.get('/organisations/new', { config: { action: 'organisation:edit' } }, async (_req, reply) =>
    showForm(reply, { pageTitle: 'Add an organisation', action: '/organisations', values: {} }),
  );

  app.post('/organisations', { config: { action: 'organisation:edit' } }, async (req, reply) => {
    const body = formBody(req.body);
    const { problems, value } = await check(body);
    if (hasProblems(problems) || !value) {
      return showForm(reply.code(400), {
        pageTitle: 'Add an organisation',
        action: '/organisations',
        values: body,
        ...withProblems(problems, DATE_FIELDS),
      });
    }
    const id = await transaction(db, (trx) => createOrganisation(trx, actorFor(req.principal), value));
    req.session.flash = `${value.name} added`;
    return reply.redirect(`/organisations/${id}`, 303);
  });

  app.get<{ Params: OrgParams }>(
    '/organisations/:organisationId',
    { config: { action: 'organisation:view' } },
    async (req, reply) => {
      const id = idParam(req.params.organisationId);
      const organisation = id === null ? undefined : await getOrganisation(db, id);
      if (!organisation)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const canEdit = authorize(req.principal, 'organisation:edit');
      return reply.view('partnerships/views/organisation.njk', {
        pageTitle: organisation.name,
        navSection: 'organisations',
        breadcrumbs: crumbs,
        organisation,
        successor:
          organisation.successor_id === null ? null : await getOrganisation(db, organisation.successor_id),
        partnerships: await partnershipsOfOrganisation(db, organisation.id),
        kinds: ORGANISATION_KINDS,
        tiers: LOCAL_AUTHORITY_TIERS,
        canEdit,
        history: canEdit ? describeHistory(await historyOf(db, 'organisation', organisation.id)) : null,
      });
    },
  );

  app.get<{ Params: OrgParams }>(
    '/organisations/:organisationId/edit',
    { config: { action: 'organisation:edit' } },
    async (req, reply) => {
      const id = idParam(req.params.organisationId);
      const o = id === null ? undefined : await getOrganisation(db, id);
      if (!o) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return showForm(reply, {
        pageTitle: `Change ${o.name}`,
        action: `/organisations/${o.id}/edit`,
        values: {
          name: o.name,
          shortName: o.short_name ?? '',
          kind: o.kind,
          laTier: o.la_tier ?? '',
          odsCode: o.ods_code ?? '',
          gssCode: o.gss_code ?? '',
          ...dateInputValues('existsFrom', o.exists_from),
          ...dateInputValues('existsTo', o.exists_to),
        },
      });
    },
  );

  app.post<{ Params: OrgParams }>(
    '/organisations/:organisationId/edit',
    { config: { action: 'organisation:edit' } },
    async (req, reply) => {
      const id = idParam(req.params.organisationId);
      const o = id === null ? undefined : await getOrganisation(db, id);
      if (!o) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = formBody(req.body);
      const { problems, value } = await check(body, o.id);
      if (hasProblems(problems) || !value) {
        return showForm(reply.code(400), {
          pageTitle: `Change ${o.name}`,
          action: `/organisations/${o.id}/edit`,
          values: body,
          ...withProblems(problems, DATE_FIELDS),
        });
      }
      await transaction(db, (trx) => updateOrganisation(trx, actorFor(req.principal), o.id, value));
      req.session.flash = `${value.name} saved`;
      return reply.redirect(`/organisations/${o.id}`, 303);
    },
  );
};
