import type { EntityManager } from '@mikro-orm/postgresql';
import { verificationDeadline } from '../../domain/prevention/declaration-dates.rules';
import { PreventionWindow, type PreventionLearner } from '../../domain/prevention/prevention.entities';
import type { DeadlineOf } from './prevention-records';

/** The verification deadline of each line: the window's read model when its workflow wrote one, else the rule's. */
export async function deadlinesOf(em: EntityManager, learners: PreventionLearner[], months: number): Promise<DeadlineOf> {
  const pairs = [...new Map(learners.map((l) => [`${l.employerSiren}|${l.quarter}`, { employerSiren: l.employerSiren, quarter: l.quarter }])).values()];
  const windows = pairs.length ? await em.find(PreventionWindow, { $or: pairs }) : [];
  const byPair = new Map(windows.map((w) => [`${w.employerSiren}|${w.quarter}`, w.deadline]));
  return (l) => byPair.get(`${l.employerSiren}|${l.quarter}`) ?? verificationDeadline(l.quarter, months);
}
