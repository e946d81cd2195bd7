/**
 * Lines of the two health-record feeds (docs/health-feeds.md, decision 0026): NDJSON like the
 * provincial feed, one record per line, each with the sender's `version` (a line not newer
 * than the record held changes nothing). Times carry their offset; `region` is where the
 * record was made (a city or province name), shown with the feed it came from.
 */
import { z } from 'zod';
import { NUCLEIC_ACID_RESULTS } from '../healthRecords';
import { idNumberField } from './merge';
import { safeText } from './text';

const withCode = (code: string, message: string) => ({ message, params: { code } });
const name = (max: number) => z.string().trim().min(1).max(max).superRefine(safeText());
const version = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** No record of these feeds predates the first COVID-19 cases: an earlier time or date is a
 * sender's error (and a year-0 time with an offset, year -1 in UTC, is no time the database
 * can hold: it failed the whole batch). */
export const EARLIEST_RECORD_DATE = '2019-12-01';
const EARLIEST_RECORD_MS = Date.parse(`${EARLIEST_RECORD_DATE}T00:00:00+08:00`);
const recordTime = z.iso.datetime({ offset: true }).refine((v) => Date.parse(v) >= EARLIEST_RECORD_MS, `must not be before ${EARLIEST_RECORD_DATE} (China)`);

export const nucleicAcidLine = z.strictObject({
  idNumber: idNumberField,
  /** The lab's id of the sample (unique within the feed): a second line for it corrects it. */
  sampleId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'sampleId must be 1–64 of A–Z, a–z, 0–9, _ and -'),
  sampledAt: recordTime,
  result: z
    .string()
    .refine((v) => (NUCLEIC_ACID_RESULTS as readonly string[]).includes(v), withCode('INVALID_RESULT', 'result must be negative or positive'))
    .transform((v) => v as (typeof NUCLEIC_ACID_RESULTS)[number]),
  /** Where the sample was taken, and the lab that tested it. */
  institution: name(100),
  lab: name(100),
  reportedAt: recordTime,
  region: name(40),
  version,
});
export type NucleicAcidLine = z.infer<typeof nucleicAcidLine>;

export const vaccinationLine = z.strictObject({
  idNumber: idNumberField,
  dose: z.number().int().min(1).max(10),
  /** The day the dose was given, in China (YYYY-MM-DD). */
  date: z.iso.date().refine((v) => v >= EARLIEST_RECORD_DATE, `must not be before ${EARLIEST_RECORD_DATE}`),
  product: name(100),
  site: name(100),
  region: name(40),
  version,
});
export type VaccinationLine = z.infer<typeof vaccinationLine>;
