/** The service catalogue and what the partnership arrangements regulations allow for each service: public law. */
import type { FastifyPluginAsync } from 'fastify';
import {
  EXCLUDED_NHS_FUNCTIONS,
  NHS_FUNCTION_CLASSES,
  PRIMARY_CARE_CONTRACTOR_EXCLUSION,
  SCOPE_ARRANGEMENTS,
  SERVICES,
  eligibilityFor,
  type ScopeArrangement,
} from '../serviceScope.js';

const RESPONSIBILITY = { nhs: 'NHS', local_authority: 'Council', both: 'NHS and council' } as const;

export const serviceRoutes: FastifyPluginAsync = async (app) => {
  app.get('/services', { config: { action: 'services:view' } }, async (_req, reply) => {
    const arrangements = (Object.keys(SCOPE_ARRANGEMENTS) as ScopeArrangement[]).map((key) => ({
      key,
      label: SCOPE_ARRANGEMENTS[key].label,
    }));
    return reply.view('partnerships/views/services.njk', {
      pageTitle: 'Services and what may be pooled',
      arrangements,
      services: SERVICES.map((s) => {
        const verdicts = arrangements.map((a) => eligibilityFor(s, a.key));
        const refusal = verdicts.find((v) => v.kind === 'refused');
        return {
          ...s,
          responsibilityLabel: RESPONSIBILITY[s.responsibility],
          functionClassLabel: s.nhsFunctionClass
            ? NHS_FUNCTION_CLASSES[s.nhsFunctionClass]
            : 'Council function',
          verdicts: verdicts.map((v) => v.kind === 'eligible'),
          excludedBy: refusal?.kind === 'refused' ? refusal.regulation : null,
        };
      }),
      exclusions: [...EXCLUDED_NHS_FUNCTIONS, PRIMARY_CARE_CONTRACTOR_EXCLUSION].map((e) => ({
        ...e,
        label: e.text.charAt(0).toUpperCase() + e.text.slice(1),
      })),
    });
  });
};
