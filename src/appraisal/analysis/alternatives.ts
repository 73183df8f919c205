/**
 * The "Alternative options considered" section of the record of decision (SI 2012/2089 reg 13: the record
 * gives the alternative options considered and rejected), drawn from the appraisal: every option rejected,
 * at which stage, and why, in the order of the stages.
 */

export type OptionStageStatus = 'carried_forward' | 'rejected' | 'preferred';

export interface AppraisalStage {
  id: number;
  name: string;
  position: number;
}

export interface StageDecision {
  optionId: number;
  stageId: number;
  status: OptionStageStatus;
  /** Why the option was rejected (required for a rejection). */
  reason: string;
}

export interface AlternativesText {
  /** Numbered paragraphs, each possibly with a list of rejected options beneath it. */
  paragraphs: { text: string; items: string[] }[];
  /** The whole section as plain text, as it goes into the decision record. */
  text: string;
}

const count = (n: number, one: string, many: string) =>
  `${n === 1 ? 'One' : String(n)} ${n === 1 ? one : many}`;

const sentence = (s: string) => {
  const t = s.trim();
  return t === '' ? '' : /[.!?]$/.test(t) ? t : `${t}.`;
};

/** The section for the decision record. Options are listed in the order given. */
export function alternativesConsidered(
  stages: readonly AppraisalStage[],
  options: readonly { id: number; name: string }[],
  decisions: readonly StageDecision[],
): AlternativesText {
  const ordered = [...stages].sort((a, b) => a.position - b.position || a.id - b.id);
  const name = new Map(options.map((o) => [o.id, o.name]));
  const paragraphs: { text: string; items: string[] }[] = [];
  paragraphs.push({
    text: `${count(options.length, 'option was', 'options were')} appraised in ${count(ordered.length, 'stage', 'stages').toLowerCase()}.`,
    items: [],
  });
  const rejectedBefore = new Set<number>();
  ordered.forEach((stage, i) => {
    const here = decisions.filter((d) => d.stageId === stage.id && !rejectedBefore.has(d.optionId));
    // every option still in the running is considered at a stage, whether or not its status is recorded yet
    const considered = options.filter((o) => !rejectedBefore.has(o.id));
    const rejected = options
      .map((o) => here.find((d) => d.optionId === o.id && d.status === 'rejected'))
      .filter((d): d is StageDecision => d !== undefined);
    const heading = `Stage ${i + 1}, ${stage.name}: ${count(considered.length, 'option was', 'options were')} considered`;
    if (rejected.length === 0) {
      paragraphs.push({ text: `${heading} and none was rejected at this stage.`, items: [] });
    } else {
      paragraphs.push({
        text: `${heading}; the ${rejected.length === 1 ? 'option' : 'options'} rejected at this stage ${rejected.length === 1 ? 'was' : 'were'}:`,
        items: rejected.map((d) => {
          const reason = sentence(d.reason);
          return `${name.get(d.optionId) ?? `Option ${d.optionId}`}${reason ? `: ${reason}` : '.'}`;
        }),
      });
      for (const d of rejected) rejectedBefore.add(d.optionId);
    }
  });
  const preferred = options.filter((o) =>
    decisions.some((d) => d.optionId === o.id && d.status === 'preferred'),
  );
  if (preferred.length > 0) {
    paragraphs.push({
      text: `The preferred ${preferred.length === 1 ? 'option was' : 'options were'} ${preferred.map((o) => o.name).join(' and ')}.`,
      items: [],
    });
  }
  const text = paragraphs
    .map((p, i) => [`${i + 1}. ${p.text}`, ...p.items.map((item) => `   - ${item}`)].join('\n'))
    .join('\n\n');
  return { paragraphs, text };
}
