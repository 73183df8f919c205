/**
 * Papers of meetings: uploading a report, appendix, background paper or minutes to a meeting or one of its items,
 * uploading a new version (the earlier ones are kept and listed), downloading any version, the members' agenda pack
 * and decision notice, and the list of papers past their retention date for review (LGA 1972 ss100C, 100D).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { transaction, type Db } from '../../db/connection.js';
import { actorFor } from '../../auth/index.js';
import { canIn } from '../../auth/index.js';
import { idParam, withProblems } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { hasProblems } from '../../kernel/forms.js';
import { formatLongDate, todayInLondon } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { getMeeting, listAgendaItems } from '../meetings/index.js';
import { getBoard } from '../boards/index.js';
import {
  createPaper,
  getPaper,
  getVersionContent,
  listVersions,
  uploadNewVersion,
  type Paper,
} from './store.js';
import {
  checkUpload,
  cleanFilename,
  describeFile,
  isPaperKind,
  PAPER_KINDS,
  RETENTION_YEARS,
} from './rules.js';
import { papersPastRetention } from './retention.js';
import { loadAgendaPack } from './agendaPack.js';
import { loadDecisionNotice } from '../decisions/index.js';
import { boardCrumbs, loadMeeting, notFound, type MeetingParams } from '../meetings/index.js';
import { sendFile } from '../../http/sendFile.js';

type PaperParams = PartnershipParams & { paperId: string };
type Loaded = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;
type MultipartBody = Record<string, { value?: unknown } | MultipartFile | string | undefined> | undefined;

/** A text field of a multipart form (or of a url-encoded one), trimmed. */
function partField(body: MultipartBody, name: string): string {
  const v = body?.[name];
  if (typeof v === 'string') return v.trim();
  return v && typeof v === 'object' && 'value' in v && typeof v.value === 'string' ? v.value.trim() : '';
}

/** The uploaded file of a multipart form: its name and bytes (empty when none was chosen). */
async function partFile(body: MultipartBody, name: string) {
  const v = body?.[name];
  if (!v || typeof v !== 'object' || !('toBuffer' in v) || typeof v.toBuffer !== 'function')
    return { filename: '', content: Buffer.alloc(0) };
  return { filename: v.filename, content: await v.toBuffer() };
}

/** Checks the file and returns it ready to store, or the problem with it. */
async function readUpload(body: MultipartBody, problems: FieldProblems) {
  const { filename, content } = await partFile(body, 'paper');
  const checked = checkUpload(content, filename);
  if (!checked.ok) {
    problems.paper = checked.problem;
    return null;
  }
  return { filename: cleanFilename(filename), contentType: checked.contentType, content };
}

const meetingUrl = (l: Loaded) => `/partnerships/${l.partnership.id}/meetings/${l.meeting.id}`;

export const paperRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const showUploadForm = async (
    reply: FastifyReply,
    loaded: Loaded,
    values: Record<string, string>,
    problems?: FieldProblems,
  ) => {
    const items = await listAgendaItems(db, loaded.partnership.id, loaded.meeting.id);
    return reply.view('governance/papers/views/paperForm.njk', {
      pageTitle: 'Upload a paper',
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: formatLongDate(loaded.meeting.meets_on), href: meetingUrl(loaded) },
      ],
      ...loaded,
      action: `${meetingUrl(loaded)}/papers`,
      itemChoices: [
        { value: '', text: 'The meeting as a whole (minutes)' },
        ...items.map((i) => ({ value: String(i.id), text: `Item ${i.number}: ${i.title}` })),
      ].map((c) => ({ ...c, selected: c.value === (values.item ?? '') })),
      kinds: PAPER_KINDS,
      retentionYears: RETENTION_YEARS,
      values,
      ...(problems ? withProblems(problems) : {}),
    });
  };

  app.get<{ Params: MeetingParams; Querystring: { item?: string } }>(
    '/partnerships/:partnershipId/meetings/:meetingId/papers/new',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      if (loaded.meeting.status === 'cancelled') return notFound(reply);
      const item = req.query.item ?? '';
      return showUploadForm(reply, loaded, { item, kind: item ? 'report' : 'minutes' });
    },
  );

  app.post<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/papers',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      // a cancelled meeting has no papers to add
      if (loaded.meeting.status === 'cancelled') return notFound(reply);
      const body = req.body as MultipartBody;
      const values = {
        item: partField(body, 'item'),
        kind: partField(body, 'kind'),
        title: partField(body, 'title'),
      };
      const problems: FieldProblems = {};
      const items = await listAgendaItems(db, loaded.partnership.id, loaded.meeting.id);
      const item = values.item ? items.find((i) => String(i.id) === values.item) : null;
      if (item === undefined)
        problems.item = 'Select the item the paper belongs to, or the meeting as a whole';
      if (!isPaperKind(values.kind)) problems.kind = 'Select what kind of paper it is';
      if (!values.title) problems.title = 'Enter the title of the paper';
      else if (values.title.length > 200) problems.title = 'The title must be 200 characters or fewer';
      const file = await readUpload(body, problems);
      if (hasProblems(problems) || !file || item === undefined || !isPaperKind(values.kind))
        return showUploadForm(reply.code(400), loaded, values, problems);
      const kind = values.kind;
      const paperId = await transaction(db, (trx) =>
        createPaper(
          trx,
          actorFor(req.principal),
          loaded.partnership.id,
          { meetingId: loaded.meeting.id, agendaItemId: item?.id ?? null, kind, title: values.title },
          file,
        ),
      );
      req.session.flash = `${values.title} uploaded (version 1)`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/papers/${paperId}`, 303);
    },
  );

  async function loadPaper(req: FastifyRequest<{ Params: PaperParams }>, reply: FastifyReply) {
    const loaded = await loadPartnership(db, req, reply);
    if (!loaded) return null;
    const id = idParam(req.params.paperId);
    const paper = id === null ? undefined : await getPaper(db, loaded.partnership.id, id);
    const meeting = paper ? await getMeeting(db, loaded.partnership.id, paper.meeting_id) : undefined;
    const board = meeting ? await getBoard(db, loaded.partnership.id, meeting.board_id) : undefined;
    if (!paper || !meeting || !board) return notFound(reply);
    return { ...loaded, meeting, board, paper };
  }

  const showPaper = async (
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded & { paper: Paper },
    problems?: FieldProblems,
  ) => {
    const versions = (await listVersions(db, loaded.partnership.id, loaded.paper.id)).map((v) => ({
      ...v,
      description: describeFile(v.content_type, v.size_bytes),
    }));
    return reply.view('governance/papers/views/paper.njk', {
      pageTitle: loaded.paper.title,
      navSection: 'partnerships',
      breadcrumbs: [
        ...boardCrumbs(loaded.partnership, loaded.board),
        { text: formatLongDate(loaded.meeting.meets_on), href: meetingUrl(loaded) },
      ],
      ...loaded,
      versions,
      kinds: PAPER_KINDS,
      retentionYears: RETENTION_YEARS,
      pastRetention: loaded.paper.retainUntil < todayInLondon(),
      can: canIn(req, loaded.partnership.id),
      ...(problems ? withProblems(problems) : {}),
    });
  };

  app.get<{ Params: PaperParams }>(
    '/partnerships/:partnershipId/papers/:paperId',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadPaper(req, reply);
      return loaded ? showPaper(req, reply, loaded) : reply;
    },
  );

  app.post<{ Params: PaperParams }>(
    '/partnerships/:partnershipId/papers/:paperId/versions',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadPaper(req, reply);
      if (!loaded) return reply;
      const problems: FieldProblems = {};
      const file = await readUpload(req.body as MultipartBody, problems);
      if (!file) return showPaper(req, reply.code(400), loaded, problems);
      const version = await transaction(db, (trx) =>
        uploadNewVersion(trx, actorFor(req.principal), loaded.partnership.id, loaded.paper.id, file),
      );
      req.session.flash = `Version ${version} of ${loaded.paper.title} uploaded`;
      return reply.redirect(`/partnerships/${loaded.partnership.id}/papers/${loaded.paper.id}`, 303);
    },
  );

  app.get<{ Params: PaperParams & { version: string } }>(
    '/partnerships/:partnershipId/papers/:paperId/versions/:version',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const pid = idParam(req.params.partnershipId);
      const paperId = idParam(req.params.paperId);
      const version = idParam(req.params.version);
      const v =
        pid === null || paperId === null || version === null
          ? undefined
          : await getVersionContent(db, pid, paperId, version);
      if (!v) return notFound(reply);
      return sendFile(req, reply, {
        content: v.content,
        contentType: v.content_type,
        filename: v.filename,
        sha256: v.sha256,
        audience: 'private',
      });
    },
  );

  app.get<{ Params: MeetingParams }>(
    '/partnerships/:partnershipId/meetings/:meetingId/agenda-pack.pdf',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadMeeting(db, req, reply);
      if (!loaded) return reply;
      const pack = await loadAgendaPack(db, loaded.partnership.id, loaded.meeting.id, 'members');
      if (!pack) return notFound(reply);
      return sendFile(req, reply, {
        content: pack.bytes,
        contentType: 'application/pdf',
        filename: `agenda-pack-members-${pack.meetsOn}.pdf`,
        disposition: 'inline',
        audience: 'private',
      });
    },
  );

  app.get<{ Params: PartnershipParams & { decisionId: string } }>(
    '/partnerships/:partnershipId/decisions/:decisionId/notice.pdf',
    { config: { action: 'governance:view' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const id = idParam(req.params.decisionId);
      const notice = id === null ? null : await loadDecisionNotice(db, loaded.partnership.id, id, 'members');
      if (!notice) return notFound(reply);
      return sendFile(req, reply, {
        content: notice.bytes,
        contentType: 'application/pdf',
        filename: `decision-notice-${id}.pdf`,
        disposition: 'inline',
        audience: 'private',
      });
    },
  );

  app.get<{ Params: PartnershipParams }>(
    '/partnerships/:partnershipId/retention',
    { config: { action: 'governance:edit' } },
    async (req, reply) => {
      const loaded = await loadPartnership(db, req, reply);
      if (!loaded) return reply;
      const today = todayInLondon();
      return reply.view('governance/papers/views/retention.njk', {
        pageTitle: 'Papers past their retention date',
        navSection: 'partnerships',
        breadcrumbs: boardCrumbs(loaded.partnership),
        partnership: loaded.partnership,
        papers: await papersPastRetention(db, loaded.partnership.id, today),
        kinds: PAPER_KINDS,
        retentionYears: RETENTION_YEARS,
        today,
      });
    },
  );
};
