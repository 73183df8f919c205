/**
 * The contracts register as Open Contracting Data Standard 1.1 data (standard.open-contracting.org): releases
 * for the tender, the award and each contract of a contracting process, release packages, and records with a
 * compiled release (ocdsMerge.ts). Pure: a process described in plain data in, OCDS JSON out.
 *
 * Identifiers. Each contracting process has an `ocid` made of the publisher's prefix, the partnership's slug and
 * a key: `p{id}` for a procurement recorded in Concordat (its tender, awards and the contracts let from it), `c{id}`
 * for a contract let without one. The prefix is `ocds-` and six characters that the Open Contracting Partnership
 * assigns to a publisher; set it in the environment variable `CONCORDAT_OCID_PREFIX`. Until one is registered,
 * the placeholder `ocds-xxxxxx` is used.
 *
 * Money is `{ amount, currency: "GBP" }`, the amount a JSON number of pounds read from the exact decimal string of
 * the integer pence (kernel/money.ts `toDecimalString`), never pence divided as a float. Dates are calendar dates
 * written as midnight UTC. Lots follow the shape of OCDS's lots extension (`tender.lots`, `awards.relatedLots`).
 */
import type { IsoDate } from '../../kernel/dates.js';
import { toDecimalString, type Pence } from '../../kernel/money.js';
import { compileReleases, type Json, type JsonObject } from './ocdsMerge.js';

export const OCDS_VERSION = '1.1';
export const PLACEHOLDER_OCID_PREFIX = 'ocds-xxxxxx';
const PREFIX = /^ocds-[a-z0-9]{6}$/;

/** The publisher's ocid prefix from `CONCORDAT_OCID_PREFIX`, or the placeholder; a malformed one is refused. */
export function ocidPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.CONCORDAT_OCID_PREFIX?.trim();
  if (set === undefined || set === '') return PLACEHOLDER_OCID_PREFIX;
  if (!PREFIX.test(set)) throw new Error(`CONCORDAT_OCID_PREFIX must look like ocds-abc123, not "${set}"`);
  return set;
}

/** `{ amount: 1234.56, currency: "GBP" }` from 123456 pence, through the exact decimal string. */
export const ocdsValue = (amountPence: Pence | number): JsonObject => ({
  amount: Number(toDecimalString(amountPence)),
  currency: 'GBP',
});

/** A calendar date as an OCDS date-time (midnight UTC). */
export const ocdsDate = (date: IsoDate | string): string => `${date}T00:00:00Z`;

export interface OcdsParty {
  id: string;
  name: string;
  roles: string[];
  identifier?: { scheme: string; id: string; legalName: string };
  sme?: boolean;
}

export type OcdsMethod = 'open' | 'selective' | 'limited' | 'direct' | null;

export interface OcdsTender {
  id: string;
  title: string;
  description: string;
  status: 'planned' | 'active' | 'cancelled' | 'complete';
  method: OcdsMethod;
  methodDetails: string;
  valuePence: Pence | null;
  publishedOn: IsoDate | null;
  clarificationDeadlineOn: IsoDate | null;
  submissionDeadlineOn: IsoDate | null;
  awardDecisionOn: IsoDate | null;
  lots: { id: string; title: string; description: string; valuePence: Pence | null }[];
  /** The parties that bid; null where they are not to be published. */
  tendererIds: string[] | null;
}

export interface OcdsAward {
  id: string;
  title: string;
  status: 'pending' | 'active';
  date: IsoDate | null;
  valuePence: Pence | null;
  supplierIds: string[];
  lotIds: string[];
}

export interface OcdsContract {
  id: string;
  awardId: string;
  title: string;
  description: string;
  status: 'pending' | 'active' | 'terminated';
  startsOn: IsoDate;
  endDate: IsoDate;
  latestEndDate: IsoDate;
  valuePence: Pence;
  /** When the contract was recorded: the date of its release. */
  recordedAt: Date;
}

/** One contracting process, as plain data. */
export interface OcdsProcess {
  /** The ocid's own part: `p12`, `c7`. */
  key: string;
  buyerId: string;
  procuringEntityId: string | null;
  parties: OcdsParty[];
  tender: OcdsTender | null;
  awards: OcdsAward[];
  contracts: OcdsContract[];
}

export interface OcdsScope {
  prefix: string;
  /** The partnership's slug, part of every ocid. */
  slug: string;
}

export const ocidOf = (scope: OcdsScope, key: string) => `${scope.prefix}-${scope.slug}-${key}`;

function partyJson(p: OcdsParty): JsonObject {
  const out: JsonObject = { id: p.id, name: p.name, roles: [...p.roles] };
  if (p.identifier) out.identifier = { ...p.identifier };
  if (p.sme) out.details = { scale: 'sme' };
  return out;
}

const ref = (parties: readonly OcdsParty[], id: string): JsonObject => ({
  id,
  name: parties.find((p) => p.id === id)?.name ?? id,
});

const period = (startDate: IsoDate | null, endDate: IsoDate | null): JsonObject => {
  const out: JsonObject = {};
  if (startDate) out.startDate = ocdsDate(startDate);
  if (endDate) out.endDate = ocdsDate(endDate);
  return out;
};

function tenderJson(process: OcdsProcess, t: OcdsTender): JsonObject {
  const out: JsonObject = {
    id: t.id,
    title: t.title,
    status: t.status,
    procurementMethod: t.method,
    procurementMethodDetails: t.methodDetails,
    mainProcurementCategory: 'services',
  };
  if (t.description) out.description = t.description;
  if (process.procuringEntityId) out.procuringEntity = ref(process.parties, process.procuringEntityId);
  if (t.valuePence !== null) out.value = ocdsValue(t.valuePence);
  if (t.publishedOn) {
    out.datePublished = ocdsDate(t.publishedOn);
    out.tenderPeriod = period(t.publishedOn, t.submissionDeadlineOn);
    if (t.clarificationDeadlineOn) out.enquiryPeriod = period(t.publishedOn, t.clarificationDeadlineOn);
  }
  if (t.awardDecisionOn) out.awardPeriod = period(t.submissionDeadlineOn, t.awardDecisionOn);
  if (t.lots.length > 0)
    out.lots = t.lots.map((l) => {
      const lot: JsonObject = { id: l.id, title: l.title };
      if (l.description) lot.description = l.description;
      if (l.valuePence !== null) lot.value = ocdsValue(l.valuePence);
      return lot;
    });
  if (t.tendererIds !== null) {
    out.numberOfTenderers = t.tendererIds.length;
    out.tenderers = t.tendererIds.map((id) => ref(process.parties, id));
  }
  return out;
}

function awardJson(process: OcdsProcess, a: OcdsAward): JsonObject {
  const out: JsonObject = {
    id: a.id,
    title: a.title,
    status: a.status,
    suppliers: a.supplierIds.map((id) => ref(process.parties, id)),
  };
  if (a.date) out.date = ocdsDate(a.date);
  if (a.valuePence !== null) out.value = ocdsValue(a.valuePence);
  if (a.lotIds.length > 0) out.relatedLots = [...a.lotIds];
  return out;
}

function contractJson(c: OcdsContract): JsonObject {
  const p = period(c.startsOn, c.endDate);
  if (c.latestEndDate !== c.endDate) p.maxExtentDate = ocdsDate(c.latestEndDate);
  const out: JsonObject = { id: c.id, awardID: c.awardId, title: c.title, status: c.status, period: p };
  if (c.description) out.description = c.description;
  out.value = ocdsValue(c.valuePence);
  return out;
}

/**
 * The releases of one process: a `tender` release once the tender is published, one `award` release with the
 * awards, and a `contract` release per contract. Every release repeats the parties with their roles in the whole
 * process, so that the compiled release's roles are complete.
 */
export function releasesOf(scope: OcdsScope, process: OcdsProcess): JsonObject[] {
  const ocid = ocidOf(scope, process.key);
  const common = (id: string, date: string, tag: string): JsonObject => ({
    ocid,
    id: `${ocid}-${id}`,
    date,
    tag: [tag],
    initiationType: 'tender',
    parties: process.parties.map(partyJson),
    buyer: ref(process.parties, process.buyerId),
  });
  const out: JsonObject[] = [];
  const t = process.tender;
  if (t?.publishedOn)
    out.push({ ...common('tender', ocdsDate(t.publishedOn), 'tender'), tender: tenderJson(process, t) });
  if (process.awards.length > 0) {
    // dated by the latest award; awards of a contract let without a procurement have no date: its start is used
    const dates = process.awards.map((a) => a.date).filter((d): d is IsoDate => d !== null);
    const date = dates.sort().at(-1) ?? process.contracts[0]?.startsOn ?? t?.publishedOn;
    if (!date) throw new RangeError(`The awards of ${ocid} have no date to publish them by`);
    const release = common('award', ocdsDate(date), 'award');
    // a process without a published tender still says how it was let
    if (t && !t.publishedOn) release.tender = tenderJson(process, t);
    release.awards = process.awards.map((a) => awardJson(process, a));
    out.push(release);
  }
  for (const c of process.contracts)
    out.push({
      ...common(c.id, c.recordedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), 'contract'),
      contracts: [contractJson(c)],
    });
  return out;
}

export interface Publisher {
  name: string;
  /** The address the package is published at. */
  uri: string;
}

const LICENCE = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** A release package of every process's releases. */
export function releasePackage(
  scope: OcdsScope,
  processes: readonly OcdsProcess[],
  publisher: Publisher,
  publishedAt: Date,
): JsonObject {
  return {
    uri: publisher.uri,
    version: OCDS_VERSION,
    publishedDate: publishedAt.toISOString(),
    publisher: { name: publisher.name },
    license: LICENCE,
    releases: processes.flatMap((p) => releasesOf(scope, p)),
  };
}

/** A record package: per process, its releases and the compiled release that merges them. */
export function recordPackage(
  scope: OcdsScope,
  processes: readonly OcdsProcess[],
  publisher: Publisher,
  publishedAt: Date,
): JsonObject {
  const records: Json[] = [];
  for (const p of processes) {
    const releases = releasesOf(scope, p);
    if (releases.length === 0) continue;
    records.push({ ocid: ocidOf(scope, p.key), releases, compiledRelease: compileReleases(releases) });
  }
  return {
    uri: publisher.uri,
    version: OCDS_VERSION,
    publishedDate: publishedAt.toISOString(),
    publisher: { name: publisher.name },
    license: LICENCE,
    records,
  };
}
