/**
 * Public downloads: a meeting's papers, its public agenda pack, and the notice of a published decision. A paper on
 * an exempt item (LGA 1972 Schedule 12A) is never served here, nor any paper before its agenda is published: the
 * answer is the same 404 as for a paper that does not exist, so that the public cannot tell one from the other.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db, Executor } from '../../db/connection.js';
import { getPartnershipBySlug } from '../../partnerships/index.js';
import { idParam } from '../../http/request.js';
import {
  getPaper,
  getVersionContent,
  isPublicPaper,
  listPapersOfMeeting,
} from '../../governance/papers/index.js';
import { describeFile, PAPER_KINDS } from '../../governance/papers/index.js';
import { loadAgendaPack } from '../../governance/papers/index.js';
import { loadDecisionNotice } from '../../governance/decisions/index.js';
import { sendFile } from '../../http/sendFile.js';

const notFound = (reply: FastifyReply) =>
  reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });

/**
 * The papers of a meeting the public may read, keyed by agenda item number ('meeting' for the meeting's own), each
 * with its link text and "PDF, 245 KB". Empty before the agenda is published; exempt items' papers are never included.
 */
export async function publicPapersOfMeeting(
  db: Executor,
  partnership: { id: number; slug: string },
  meeting: { id: number; agenda_published_on: string | null },
) {
  const byItem: Record<string, { href: string; title: string; kind: string; description: string }[]> = {};
  if (meeting.agenda_published_on === null) return byItem;
  for (const p of await listPapersOfMeeting(db, partnership.id, meeting.id)) {
    if (!isPublicPaper({ exempt: p.exempt, agenda_published_on: meeting.agenda_published_on })) continue;
    (byItem[p.item_number === null ? 'meeting' : String(p.item_number)] ??= []).push({
      href: `/public/partnerships/${partnership.slug}/papers/${p.paper_id}`,
      title: p.title,
      kind: PAPER_KINDS[p.kind],
      description: describeFile(p.content_type, p.size_bytes),
    });
  }
  return byItem;
}

export const publicPaperRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: { slug: string; paperId: string } }>(
    '/public/partnerships/:slug/papers/:paperId',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.paperId);
      const paper = partnership && id !== null ? await getPaper(db, partnership.id, id) : undefined;
      if (!partnership || !paper || !isPublicPaper(paper)) return notFound(reply);
      const v = await getVersionContent(db, partnership.id, paper.id);
      if (!v) return notFound(reply);
      return sendFile(req, reply, {
        content: v.content,
        contentType: v.content_type,
        filename: v.filename,
        sha256: v.sha256,
        audience: 'public',
      });
    },
  );

  app.get<{ Params: { slug: string; meetingId: string } }>(
    '/public/partnerships/:slug/meetings/:meetingId/agenda-pack.pdf',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.meetingId);
      const pack = partnership && id !== null ? await loadAgendaPack(db, partnership.id, id, 'public') : null;
      if (!partnership || !pack) return notFound(reply);
      return sendFile(req, reply, {
        content: pack.bytes,
        contentType: 'application/pdf',
        filename: `agenda-pack-${pack.meetsOn}.pdf`,
        disposition: 'inline',
        audience: 'public',
      });
    },
  );

  app.get<{ Params: { slug: string; decisionId: string } }>(
    '/public/partnerships/:slug/decisions/:decisionId/notice.pdf',
    { config: { action: 'public:view' } },
    async (req, reply) => {
      const partnership = await getPartnershipBySlug(db, req.params.slug);
      const id = idParam(req.params.decisionId);
      const notice =
        partnership && id !== null ? await loadDecisionNotice(db, partnership.id, id, 'public') : null;
      if (!partnership || !notice) return notFound(reply);
      return sendFile(req, reply, {
        content: notice.bytes,
        contentType: 'application/pdf',
        filename: `decision-notice-${id}.pdf`,
        disposition: 'inline',
        audience: 'public',
      });
    },
  );
};
