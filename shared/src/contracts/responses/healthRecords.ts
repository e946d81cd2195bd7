/** Answers about nucleic-acid results and vaccinations (decision 0026). */
import { z } from 'zod';
import { NUCLEIC_ACID_RESULTS, TEST_BADGE_NAMES, TEST_REQUIREMENT_VERDICTS } from '../../healthRecords';
import { count, isoDay, isoTime } from './common';

/** One test round. `source` is the feed it came from and `region` where it was made: records
 * of other regions are shown with both. */
export const nucleicAcidView = z.strictObject({
  sampledAt: isoTime,
  result: z.enum(NUCLEIC_ACID_RESULTS),
  institution: z.string(),
  lab: z.string(),
  reportedAt: isoTime,
  region: z.string(),
  source: z.string(),
});
export type NucleicAcidView = z.infer<typeof nucleicAcidView>;

export const vaccinationDoseView = z.strictObject({
  dose: z.number().int().min(1),
  date: isoDay,
  product: z.string(),
  site: z.string(),
  region: z.string(),
  source: z.string(),
});
export type VaccinationDoseView = z.infer<typeof vaccinationDoseView>;

/** On the code page: the latest round and its badge (hours since sampling, for a negative
 * result within 7 days; null otherwise); null when the feeds hold no result for the person. */
export const codeNucleicAcid = z.strictObject({ latest: nucleicAcidView, badge: z.enum(TEST_BADGE_NAMES).nullable() }).nullable();
/** On the code page: how many doses, and the latest; null when the feeds hold none. */
export const codeVaccination = z.strictObject({ doses: count, latest: vaccinationDoseView }).nullable();

/** `GET /api/me/health-records`: every round and dose the feeds hold, newest first, with when
 * each feed last delivered (`asOf`, the latest of its feeds' batches; null before any). */
export const healthRecordsAnswer = z.strictObject({
  nucleicAcid: z.strictObject({ results: z.array(nucleicAcidView), asOf: isoTime.nullable() }),
  vaccination: z.strictObject({ doses: z.array(vaccinationDoseView), asOf: isoTime.nullable() }),
});
export type HealthRecordsAnswer = z.infer<typeof healthRecordsAnswer>;

/** A place's requirement of a recent negative test, as a scan answers it. */
export const testRequirementView = z.strictObject({
  hours: z.number().int().min(1),
  verdict: z.enum(TEST_REQUIREMENT_VERDICTS),
  /** The latest round's sampling time, for the guard ("采样于 …"); null without a result. */
  sampledAt: isoTime.nullable(),
});
export type TestRequirementView = z.infer<typeof testRequirementView>;

/** What a cached code state keeps of a person's records (the BFF's; the badge is computed per
 * answer, so it moves from 24 h to 48 h with no change to the records). */
export interface HealthSummary {
  nucleicAcid: NucleicAcidView | null;
  vaccination: { doses: number; latest: VaccinationDoseView } | null;
}
