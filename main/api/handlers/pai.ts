import type { paiCalls } from '../../../shared/contract/pai';
import { cadenceLabel } from '../../../shared/domain/pai/cadence';
import { PAI_TEMPLATES } from '../../../shared/domain/pai/templates';
import type { Catalogue } from '../../../shared/domain/catalogue';
import type { PaiService } from '../../services/paiService';
import type { PlanDocumentService } from '../../services/planDocumentService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

const CATALOGUE_RESULTS = 30;

export function paiHandlers(s: { pai: PaiService; catalogue: Catalogue; planDocuments: PlanDocumentService }): HandlersOf<typeof paiCalls> {
  return {
    'pai.show': ({ patientId }) => s.pai.show(patientId),
    'pai.create': (input, ctx) => s.pai.create(input, operatorCf(ctx)),
    'pai.update': ({ id, changes }, ctx) => s.pai.update(id, changes, operatorCf(ctx)),
    'pai.activate': ({ id }, ctx) => s.pai.activate(id, operatorCf(ctx)),
    'pai.revise': ({ id }, ctx) => s.pai.revise(id, operatorCf(ctx)),
    'pai.renew': ({ id }, ctx) => s.pai.renew(id, operatorCf(ctx)),
    'pai.cancel': ({ id, reason }, ctx) => s.pai.cancel(id, reason, operatorCf(ctx)),
    'pai.document': ({ id }, ctx) => s.planDocuments.pai(id, operatorCf(ctx)),
    'pai.templates': () => ({
      templates: PAI_TEMPLATES.map((t) => ({ id: t.id, name: t.name, pathologyCodes: t.pathologyCodes, items: t.items.map((i) => ({ code: i.code, description: i.description, cadence: cadenceLabel(i.cadence) })) })),
    }),
    'pai.catalogue': ({ query }) => ({ entries: s.catalogue.search(query, CATALOGUE_RESULTS) }),
    'schedule.due': ({ withinDays }) => ({ items: s.pai.due(withinDays) }),
  };
}
