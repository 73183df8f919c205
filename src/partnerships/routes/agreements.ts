/** Agreements a partnership works under, their parties, and the documents uploaded to them. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { describeHistory } from '../../audit/index.js';
import { historyOf } from '../../audit/index.js';
import { dateInputValues, hasProblems, type FormBody, formBody } from '../../kernel/forms.js';
import {
  addDocument,
  createAgreement,
  deleteDocument,
  getAgreement,
  getDocument,
  listDocuments,
  sniffDocumentType,
  updateAgreement,
} from '../agreementStore.js';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, validateAgreement } from '../rules.js';
import { readAgreementForm } from '../schema.js';
import { breadcrumbsFor, idParam, withProblems } from '../../http/request.js';
import { canIn } from '../../auth/index.js';
import { loadPartnership, type PartnershipParams } from './common.js';

const DATE_FIELDS = ['startsOn', 'endsOn'];
type AgreementParams = PartnershipParams & { agreementId: string };
type DocumentParams = PartnershipParams & { documentId: string };

export const agreementRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showForm = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('partnerships/views/agreementForm.njk', {
      navSection: 'partnerships',
      kinds: AGREEMENT_KINDS,
      statuses: AGREEMENT_STATUSES,
      ...data,
    });

  const formValues = (body: FormBody) => ({
    ...body,
    partyIds: ([] as string[]).concat(body.partyIds ?? []).map(Number),
  });

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/agreements/new',
    { config: { action: 'agreement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      return showForm(reply, {
        pageTitle: 'Add an agreement',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        partners,
        action: `/partnerships/${partnership.id}/agreements`,
        values: { partyIds: partners.map((p) => p.id), status: 'draft' },
      });
    },
  );

  app.post<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/agreements',
    { config: { action: 'agreement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const body = formBody(req.body);
      const parsed = readAgreementForm(body);
      const problems = parsed.ok
        ? validateAgreement(parsed.value, new Set(partners.map((p) => p.id)))
        : parsed.problems;
      if (!parsed.ok || hasProblems(problems)) {
        return showForm(reply.code(400), {
          pageTitle: 'Add an agreement',
          breadcrumbs: breadcrumbsFor(partnership),
          partnership,
          partners,
          action: `/partnerships/${partnership.id}/agreements`,
          values: formValues(body),
          ...withProblems(problems, DATE_FIELDS),
        });
      }
      const id = await transaction(db, (trx) =>
        createAgreement(trx, actorFor(req.principal), partnership.id, parsed.value),
      );
      req.session.flash = `Agreement ${parsed.value.title} added`;
      return reply.redirect(`/partnerships/${partnership.id}/agreements/${id}`, 303);
    },
  );

  app.get<{ Params: AgreementParams }>(
    '/partnerships/:partnershipId/agreements/:agreementId',
    { config: { action: 'partnership:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const id = idParam(req.params.agreementId);
      const agreement = id === null ? undefined : await getAgreement(db, partnership.id, id);
      if (!agreement) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const can = canIn(req, partnership.id);
      return reply.view('partnerships/views/agreement.njk', {
        pageTitle: agreement.title,
        navSection: 'partnerships',
        breadcrumbs: breadcrumbsFor(partnership),
        partnership,
        agreement,
        host: partners.find((p) => p.id === agreement.host_organisation_id) ?? null,
        documents: await listDocuments(db, partnership.id, agreement.id),
        kinds: AGREEMENT_KINDS,
        statuses: AGREEMENT_STATUSES,
        can,
        history: can('history:view') ? describeHistory(await historyOf(db, 'agreement', agreement.id)) : null,
      });
    },
  );

  app.get<{ Params: AgreementParams }>(
    '/partnerships/:partnershipId/agreements/:agreementId/edit',
    { config: { action: 'agreement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const id = idParam(req.params.agreementId);
      const a = id === null ? undefined : await getAgreement(db, partnership.id, id);
      if (!a) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return showForm(reply, {
        pageTitle: `Change ${a.title}`,
        breadcrumbs: breadcrumbsFor(partnership, {
          text: a.title,
          href: `/partnerships/${partnership.id}/agreements/${a.id}`,
        }),
        partnership,
        partners,
        action: `/partnerships/${partnership.id}/agreements/${a.id}/edit`,
        values: {
          kind: a.kind,
          title: a.title,
          status: a.status,
          legalBasis: a.legal_basis,
          summary: a.summary,
          hostOrganisationId: a.host_organisation_id ?? '',
          partyIds: a.parties.map((p) => p.id),
          ...dateInputValues('startsOn', a.starts_on),
          ...dateInputValues('endsOn', a.ends_on),
        },
      });
    },
  );

  app.post<{ Params: AgreementParams }>(
    '/partnerships/:partnershipId/agreements/:agreementId/edit',
    { config: { action: 'agreement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership, partners } = loaded;
      const id = idParam(req.params.agreementId);
      const a = id === null ? undefined : await getAgreement(db, partnership.id, id);
      if (!a) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = formBody(req.body);
      const parsed = readAgreementForm(body);
      const problems = parsed.ok
        ? validateAgreement(parsed.value, new Set(partners.map((p) => p.id)))
        : parsed.problems;
      if (!parsed.ok || hasProblems(problems)) {
        return showForm(reply.code(400), {
          pageTitle: `Change ${a.title}`,
          breadcrumbs: breadcrumbsFor(partnership),
          partnership,
          partners,
          action: `/partnerships/${partnership.id}/agreements/${a.id}/edit`,
          values: formValues(body),
          ...withProblems(problems, DATE_FIELDS),
        });
      }
      await transaction(db, (trx) =>
        updateAgreement(trx, actorFor(req.principal), partnership.id, a.id, parsed.value),
      );
      req.session.flash = 'Agreement saved';
      return reply.redirect(`/partnerships/${partnership.id}/agreements/${a.id}`, 303);
    },
  );

  app.post<{ Params: AgreementParams }>(
    '/partnerships/:partnershipId/agreements/:agreementId/documents',
    { config: { action: 'agreement:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const { partnership } = loaded;
      const id = idParam(req.params.agreementId);
      const agreement = id === null ? undefined : await getAgreement(db, partnership.id, id);
      if (!agreement) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      const body = req.body as Record<string, { value?: unknown } | MultipartFile | undefined>;
      const file = body.document as MultipartFile | undefined;
      const titleField = body.title as { value?: unknown } | undefined;
      const title = typeof titleField?.value === 'string' ? titleField.value.trim() : '';
      const content = file && typeof file.toBuffer === 'function' ? await file.toBuffer() : Buffer.alloc(0);
      const problems: Record<string, string> = {};
      if (!title) problems.title = 'Enter a title for the document';
      if (content.length === 0) problems.document = 'Select a PDF or Word (DOCX) file';
      const type = content.length > 0 ? sniffDocumentType(content) : null;
      if (content.length > 0 && type === null)
        problems.document = 'The selected file must be a PDF or a Word document (DOCX)';
      if (hasProblems(problems) || type === null || !file) {
        const can = canIn(req, partnership.id);
        return reply.code(400).view('partnerships/views/agreement.njk', {
          pageTitle: agreement.title,
          navSection: 'partnerships',
          breadcrumbs: breadcrumbsFor(partnership),
          partnership,
          agreement,
          host: loaded.partners.find((p) => p.id === agreement.host_organisation_id) ?? null,
          documents: await listDocuments(db, partnership.id, agreement.id),
          kinds: AGREEMENT_KINDS,
          statuses: AGREEMENT_STATUSES,
          can,
          history: null,
          values: { title },
          ...withProblems(problems),
        });
      }
      const filename = file.filename.replace(/[^\w.\- ()]+/g, '_').slice(0, 200) || 'document';
      await transaction(db, (trx) =>
        addDocument(trx, actorFor(req.principal), partnership.id, {
          agreementId: agreement.id,
          title,
          filename,
          contentType: type,
          content,
          uploadedBy: req.principal?.userId ?? null,
        }),
      );
      req.session.flash = `${title} uploaded`;
      return reply.redirect(`/partnerships/${partnership.id}/agreements/${agreement.id}`, 303);
    },
  );

  app.get<{ Params: DocumentParams }>(
    '/partnerships/:partnershipId/documents/:documentId',
    { config: { action: 'document:view' } },
    async (req, reply) => {
      const partnershipId = idParam(req.params.partnershipId);
      const id = idParam(req.params.documentId);
      const doc =
        partnershipId === null || id === null ? undefined : await getDocument(db, partnershipId, id);
      if (!doc) return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      return reply
        .type(doc.content_type)
        .header('content-disposition', `inline; filename="${doc.filename.replace(/"/g, '')}"`)
        .header('x-content-sha256', doc.sha256)
        .send(doc.content);
    },
  );

  app.post<{ Params: DocumentParams }>(
    '/partnerships/:partnershipId/documents/:documentId/delete',
    { config: { action: 'agreement:edit' } },
    async (req, reply) => {
      const partnershipId = idParam(req.params.partnershipId);
      const id = idParam(req.params.documentId);
      const doc =
        partnershipId === null || id === null ? undefined : await getDocument(db, partnershipId, id);
      if (!doc || partnershipId === null)
        return reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
      await transaction(db, (trx) => deleteDocument(trx, actorFor(req.principal), partnershipId, doc.id));
      req.session.flash = `${doc.title} removed`;
      return reply.redirect(
        doc.agreement_id
          ? `/partnerships/${partnershipId}/agreements/${doc.agreement_id}`
          : `/partnerships/${partnershipId}`,
        303,
      );
    },
  );
};
