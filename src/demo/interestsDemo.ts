/**
 * Illustrative registers of interests for the Southampton Joint Commissioning Board (the seeds name no members
 * and no interests: every entry here is illustrative). Councillors register under the Localism Act 2011, the CCG's
 * nominees under NHS England's guidance; one councillor's interest is sensitive and withheld from the public; one
 * NHS entry waits for review; gifts and hospitality on both sides. The third meeting's rehabilitation item names
 * Solent NHS Trust, in which the CCG lay member holds a registered interest, so that the conflict is flagged.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { listBoards } from '../governance/boards/index.js';
import { listAgendaItems, listMeetings } from '../governance/meetings/index.js';
import {
  createInterest,
  getInterest,
  membersWithRegime,
  reviewInterest,
} from '../governance/interests/index.js';
import { createGift, getGift, reviewGift, type GiftInput } from '../governance/interests/index.js';
import { setItemProviders } from '../governance/meetings/index.js';
import type { InterestInput } from '../governance/interests/index.js';

const actor = systemActor('demo loader');
const REVIEWER = { userId: null, name: 'Democratic services officer (illustrative)' };
const REVIEWED_AT = new Date('2018-05-01T10:00:00Z');

type DemoInterest = Omit<InterestInput, 'membershipId' | 'fromOn' | 'toOn'> & {
  member: string;
  fromOn: string;
  reviewed: boolean;
};

const INTERESTS: DemoInterest[] = [
  {
    member: 'CCG governing body lay member',
    category: 'financial',
    description: 'Non-executive director (remunerated)',
    counterparty: 'Solent NHS Trust',
    fromOn: '2016-09-01',
    sensitive: false,
    reviewed: true,
  },
  {
    member: 'CCG governing body clinical member',
    category: 'non_financial_professional',
    description: 'GP partner in a city practice holding a community services sub-contract',
    counterparty: 'Bitterne Park Surgery',
    fromOn: '2012-04-01',
    sensitive: false,
    reviewed: true,
  },
  {
    member: 'CCG governing body registered nurse member',
    category: 'indirect',
    description: 'Spouse employed as a community nurse',
    counterparty: 'Southern Health NHS Foundation Trust',
    fromOn: '2017-11-01',
    sensitive: false,
    reviewed: false,
  },
  {
    member: 'Cabinet Member for Health and Adult Social Care',
    category: 'dpi_employment',
    description: 'Part-time lecturer in social work',
    counterparty: 'University of Southampton',
    fromOn: '2015-09-01',
    sensitive: false,
    reviewed: true,
  },
  {
    member: 'Cabinet Member for Health and Adult Social Care',
    category: 'dpi_land',
    description: 'Residence in the city (address withheld: sensitive under s32)',
    counterparty: '',
    fromOn: '2010-06-01',
    sensitive: true,
    reviewed: true,
  },
  {
    member: 'Cabinet Member for Finance',
    category: 'ori_charity',
    description: 'Trustee',
    counterparty: 'Age UK Southampton',
    fromOn: '2014-05-01',
    sensitive: false,
    reviewed: true,
  },
  {
    member: 'Cabinet Member for Children’s Social Care',
    category: 'ori_public_opinion',
    description: 'Member of a trade union',
    counterparty: 'UNISON',
    fromOn: '2008-01-01',
    sensitive: false,
    reviewed: true,
  },
];

const GIFTS: (Omit<GiftInput, 'membershipId'> & { member: string })[] = [
  {
    member: 'Cabinet Member for Health and Adult Social Care',
    kind: 'hospitality',
    source: 'other',
    description: 'Dinner at the annual care awards',
    offeredBy: 'Hampshire Care Association',
    valuePence: pence(65_00),
    offeredOn: '2018-05-17',
    accepted: true,
  },
  {
    member: 'CCG governing body lay member',
    kind: 'hospitality',
    source: 'supplier',
    description: 'Seats in a corporate box at St Mary’s Stadium',
    offeredBy: 'Brightcare Ltd',
    valuePence: pence(120_00),
    offeredOn: '2018-06-02',
    accepted: false,
  },
  {
    member: 'CCG governing body lay member',
    kind: 'gift',
    source: 'supplier',
    description: 'Branded pen and notebook',
    offeredBy: 'Brightcare Ltd',
    valuePence: pence(4_50),
    offeredOn: '2018-06-02',
    accepted: true,
  },
];

/** The providers the demo's agenda items name, by meeting (0-based) and item title. */
const ITEM_PROVIDERS: { meeting: number; title: string; providers: string[] }[] = [
  {
    meeting: 2,
    title: 'Rehabilitation, reablement and hospital discharge: one pathway',
    providers: ['Solent NHS Trust', 'University Hospital Southampton NHS Foundation Trust'],
  },
];

/** Loads the registers of the partnership's joint commissioning board (made by `loadGovernanceDemo`). */
export async function loadInterestsDemo(db: Db, partnershipId: number): Promise<void> {
  const board = (await listBoards(db, partnershipId)).find((b) => b.name === 'Joint Commissioning Board');
  if (!board) throw new Error('The interests demo needs the governance demo’s board');
  const members = await membersWithRegime(db, partnershipId, board.id);
  const member = (name: string) => {
    const m = members.find((x) => x.name === name);
    if (!m?.regime) throw new Error(`The interests demo names an unknown member: ${name}`);
    return { membershipId: m.membershipId, regime: m.regime };
  };
  const meetings = await listMeetings(db, partnershipId, { boardId: board.id });
  await transaction(db, async (trx) => {
    for (const i of INTERESTS) {
      const { member: name, reviewed, ...fields } = i;
      const id = await createInterest(trx, actor, partnershipId, {
        ...fields,
        ...member(name),
        fromOn: isoDate(i.fromOn),
        toOn: null,
        illustrative: true,
      });
      const entry = await getInterest(trx, partnershipId, id);
      if (reviewed && entry) await reviewInterest(trx, actor, partnershipId, entry, REVIEWER, REVIEWED_AT);
    }
    for (const g of GIFTS) {
      const { member: name, ...fields } = g;
      const id = await createGift(trx, actor, partnershipId, {
        ...fields,
        ...member(name),
        illustrative: true,
      });
      const gift = await getGift(trx, partnershipId, id);
      if (gift)
        await reviewGift(trx, actor, partnershipId, gift, REVIEWER, new Date(`${g.offeredOn}T12:00:00Z`));
    }
    for (const p of ITEM_PROVIDERS) {
      const meeting = meetings[p.meeting];
      const item = meeting
        ? (await listAgendaItems(trx, partnershipId, meeting.id)).find((x) => x.title === p.title)
        : undefined;
      if (!item) throw new Error(`The interests demo names an unknown agenda item: ${p.title}`);
      await setItemProviders(trx, actor, partnershipId, item.id, p.providers);
    }
  });
}
