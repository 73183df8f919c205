/**
 * The integrated commissioning unit's forms, each a zod schema read by `parseForm`: a post of the unit, and a
 * year's budget, host and cost-sharing basis. Problems are keyed by field, for the error summary.
 */
import { z } from 'zod';
import { dateInput, parseForm, type Parsed, fieldsRead } from '../../kernel/forms.js';
import { parseFinancialYear } from '../../kernel/dates.js';
import { parsePounds, type Pence } from '../../kernel/money.js';
import { checkSplit, parseFte, parsePercent, SHARING_BASES, type SharingBasis } from './rules.js';
import type { PostInput, UnitYearInput } from './store.js';

/**
 * An amount in pounds and pence, not negative, as integer pence. A general piece: the kernel's `moneyInput`
 * words an empty field and its minimum differently.
 */
const pounds = (label: string) =>
  z.string().transform((raw, ctx): Pence => {
    const read = parsePounds(raw);
    if (!read.ok) ctx.addIssue({ code: 'custom', message: `${label}: ${read.error}` });
    else if (read.value < 0) ctx.addIssue({ code: 'custom', message: `${label} must not be negative` });
    else return read.value;
    return z.NEVER;
  });

const postSchema = (partnerIds: ReadonlySet<number>) =>
  z
    .object({
      postTitle: z
        .string()
        .min(1, 'Enter the post’s title')
        .max(200, 'Post title must be 200 characters or fewer'),
      personName: z.string().max(200, 'Name must be 200 characters or fewer'),
      employerOrganisationId: z
        .string()
        .refine((raw) => partnerIds.has(Number(raw)), 'Select the partner that employs the post holder')
        .transform(Number),
      grade: z.string().max(50, 'Grade must be 50 characters or fewer'),
      fte: z.string().transform((raw, ctx): number => {
        const fte = parseFte(raw);
        if (fte !== null) return fte;
        ctx.addIssue({
          code: 'custom',
          message: 'Enter the full-time equivalent from 0.01 to 1.00, like 0.5',
        });
        return z.NEVER;
      }),
      annualCost: pounds('Annual cost'),
      startsOn: dateInput('the start date', { required: true }),
      endsOn: dateInput('the end date'),
      additional: z.string(),
    })
    .superRefine(
      (v, ctx) => {
        if (v.endsOn !== null && v.endsOn < v.startsOn)
          ctx.addIssue({
            code: 'custom',
            path: ['endsOn'],
            message: 'The end date must be on or after the start date',
          });
      },
      { when: fieldsRead('startsOn', 'endsOn') },
    );

/** A post: its title, who holds it (optional), employer (a partner), grade, FTE, annual cost and dates. */
export const readPostForm = (body: unknown, partnerIds: ReadonlySet<number>): Parsed<PostInput> =>
  parseForm(postSchema(partnerIds), body, (v) => ({
    postTitle: v.postTitle,
    personName: v.personName,
    employerOrganisationId: v.employerOrganisationId,
    grade: v.grade,
    fteHundredths: v.fte,
    annualCostPence: v.annualCost,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    additional: v.additional === 'yes',
  }));

const shareField = (id: number) => `share-${String(id)}`;

/** Each partner's percentage of an agreed split (an empty field is 0%), or null for one that is not a percentage. */
const readSplit = (v: object, partnerIds: readonly number[]) =>
  partnerIds.map((id) => ({
    organisationId: id,
    basisPoints: parsePercent((v as Record<string, string>)[shareField(id)] || '0'),
  }));

const unitYearSchema = (partnerIds: readonly number[], decisionIds: ReadonlySet<number>) =>
  z
    .object({
      budget: pounds('Budget'),
      hostOrganisationId: z
        .string()
        .refine((raw) => raw === '' || partnerIds.includes(Number(raw)), 'Select a partner as host')
        .transform((raw) => (raw === '' ? null : Number(raw))),
      sharingBasis: z
        .string()
        .refine(
          (raw): raw is SharingBasis => Object.hasOwn(SHARING_BASES, raw),
          'Select how the unit’s cost is shared',
        ),
      ...Object.fromEntries(partnerIds.map((id) => [shareField(id), z.string()])),
      decisionId: z
        .string()
        .refine((raw) => raw === '' || decisionIds.has(Number(raw)), 'Select a decision of this partnership')
        .transform((raw) => (raw === '' ? null : Number(raw))),
      notes: z.string().max(2000, 'Notes must be 2,000 characters or fewer'),
      financialYear: z.string().transform((raw, ctx): number => {
        const year = parseFinancialYear(raw);
        if (year !== null) return year;
        ctx.addIssue({ code: 'custom', message: 'Select the financial year, like 2016-17' });
        return z.NEVER;
      }),
    })
    .superRefine(
      (v, ctx) => {
        // the shares are read only for an agreed split, whatever else is wrong with the form
        if (v.sharingBasis !== 'split') return;
        const split = readSplit(v, partnerIds);
        for (const s of split)
          if (s.basisPoints === null)
            ctx.addIssue({
              code: 'custom',
              path: [shareField(s.organisationId)],
              message: 'Enter a percentage from 0 to 100, like 62.5',
            });
        const first = partnerIds[0];
        if (first === undefined || split.some((s) => s.basisPoints === null)) return;
        const problem = checkSplit(split as { organisationId: number; basisPoints: number }[]);
        if (problem) ctx.addIssue({ code: 'custom', path: [shareField(first)], message: problem });
      },
      { when: () => true },
    );

/**
 * A year's settings: the year, the budget, the host (optional) and the basis of sharing; with an agreed split,
 * each partner's percentage in `share-<id>`, adding up to 100%.
 */
export const readUnitYearForm = (
  body: unknown,
  partnerIds: readonly number[],
  decisionIds: ReadonlySet<number> = new Set(),
): Parsed<{ financialYear: number; input: UnitYearInput }> =>
  parseForm(unitYearSchema(partnerIds, decisionIds), body, (v) => ({
    financialYear: v.financialYear,
    input: {
      budgetPence: v.budget,
      hostOrganisationId: v.hostOrganisationId,
      sharingBasis: v.sharingBasis,
      split:
        v.sharingBasis === 'split'
          ? readSplit(v, partnerIds).map((s) => ({
              organisationId: s.organisationId,
              basisPoints: s.basisPoints ?? 0,
            }))
          : [],
      decisionId: v.decisionId,
      notes: v.notes,
    },
  }));
