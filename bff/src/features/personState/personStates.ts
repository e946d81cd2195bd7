/**
 * A person's source states and their merge (SPEC C4), and the colour history that follows
 * the merged colour (C8). Every writer of a source — check-in, authority mark, provincial
 * feed — ends by `settle`-ing the people it touched: merge again, append a history row when
 * the merged colour moved, and tell the code cache. The code page settles too when it finds
 * the colour moved with time alone (a check-in gone overdue, a mark expired), so the history
 * holds every colour a resident was shown.
 *
 * History is kept for people Yima holds a code for (a `persons` row: registered residents,
 * relatives filed by family). A provincial state for someone unknown here is stored by blind
 * index and enters their history as the first colour when they register — see
 * docs/decisions/0005-merged-state-and-history.md.
 */
import type { MergePolicy, MergeResult, TransitionPolicy } from '@yima/shared';
import type { Clock } from '../../clock';
import type { RiskAreaCache } from '../riskAreas';
import type { HistoryRepo } from './historyRepo';
import { evaluate, historyEntryFor, worsened, type Cause, type Evaluation } from './merge';
import { storedSources, type PersonSources, type PersonSourcesReader, type SourcePorts } from './sources';

/** Merges and settles: every writer of a source ends here, and so does the drift recorder. */
export function createPersonStates(d: {
  sources: PersonSourcesReader;
  history: HistoryRepo;
  paperCodes: SourcePorts['paperCodes'];
  riskAreas: RiskAreaCache;
  policy: MergePolicy;
  transitions: TransitionPolicy;
  clock: Clock;
  /** Drops the cached code state of these accounts (all processes). */
  invalidateUsers: (userIds: string[]) => Promise<void>;
}) {
  const { loadMany, loadOne } = d.sources;

  async function mergeOf(p: PersonSources, now: Date): Promise<Evaluation> {
    return evaluate({ checkin: p.checkin, hold: p.hold, sources: storedSources(p) }, await d.riskAreas.current(), d.policy, d.transitions, now);
  }

  return {
    loadMany,
    loadOne,
    mergeOf,

    /** One person's merged state now (a scan, a visit, a paper code). */
    async mergedFor(idHash: Buffer): Promise<MergeResult> {
      return (await mergeOf(await loadOne(idHash), d.clock.now())).merged;
    },

    /** After a change to one person's sources: merge, record, and refresh their code. */
    async settle(idHash: Buffer, cause?: Cause): Promise<MergeResult> {
      const now = d.clock.now();
      const person = await loadOne(idHash);
      const { merged } = await mergeOf(person, now);
      const entry = historyEntryFor(person, merged, now, cause);
      if (entry) {
        await d.history.append([entry]);
        if (worsened(entry)) await d.paperCodes.revokeMilderThan([person.personId!], entry.newColor, now);
      }
      await d.invalidateUsers(person.userIds);
      return merged;
    },
  };
}

export type PersonStates = ReturnType<typeof createPersonStates>;
