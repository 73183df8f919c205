/** What the appraisal routes share: finding the appraisal a URL names, and refusing changes once it is frozen. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { idParam } from '../../http/request.js';
import { loadPartnership, type PartnershipParams } from '../../partnerships/index.js';
import { loadAppraisalRecord } from './store.js';

export type AppraisalParams = PartnershipParams & { appraisalId: string };
export type StageParams = AppraisalParams & { stageId: string };

const notFound = async (reply: FastifyReply) => {
  await reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found' });
  return null;
};

/** The partnership, its partners and the whole appraisal record, or a 404 page sent and null returned. */
export async function loadAppraisal(
  db: Db,
  req: FastifyRequest<{ Params: AppraisalParams }>,
  reply: FastifyReply,
) {
  const loaded = await loadPartnership(db, req, reply);
  if (!loaded) return null;
  const id = idParam(req.params.appraisalId);
  const record = id === null ? null : await loadAppraisalRecord(db, loaded.partnership.id, id);
  if (!record) return notFound(reply);
  return {
    ...loaded,
    record,
    href: `/partnerships/${loaded.partnership.id}/appraisals/${record.appraisal.id}`,
  };
}

export type LoadedAppraisal = NonNullable<Awaited<ReturnType<typeof loadAppraisal>>>;

/** The appraisal and the stage a URL names, or a 404 page sent and null returned. */
export async function loadStage(db: Db, req: FastifyRequest<{ Params: StageParams }>, reply: FastifyReply) {
  const loaded = await loadAppraisal(db, req, reply);
  if (!loaded) return null;
  const id = idParam(req.params.stageId);
  const stage = loaded.record.stages.find((s) => s.id === id);
  if (!stage) return notFound(reply);
  return { ...loaded, stage, stageHref: `${loaded.href}?stage=${stage.id}` };
}

/** A frozen appraisal refuses changes: the page says so (409) and nothing is saved. */
export async function refuseIfFrozen(loaded: LoadedAppraisal, reply: FastifyReply): Promise<boolean> {
  if (loaded.record.appraisal.status !== 'frozen') return false;
  await reply.code(409).view('appraisal/appraisals/views/frozen.njk', {
    pageTitle: 'This appraisal is frozen',
    partnership: loaded.partnership,
    appraisal: loaded.record.appraisal,
    href: loaded.href,
  });
  return true;
}

export const appraisalCrumbs = (
  partnership: { id: number; name: string },
  appraisal?: { id: number; title: string },
) => [
  { text: 'Partnerships', href: '/partnerships' },
  { text: partnership.name, href: `/partnerships/${partnership.id}` },
  { text: 'Option appraisals', href: `/partnerships/${partnership.id}/appraisals` },
  ...(appraisal
    ? [{ text: appraisal.title, href: `/partnerships/${partnership.id}/appraisals/${appraisal.id}` }]
    : []),
];
