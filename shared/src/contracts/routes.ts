/**
 * The route contract table: every route the BFF registers, with who may call it, what it
 * takes and what it answers by status (decision 0014). The BFF serves it as OpenAPI
 * (`GET /api/openapi.json`, `GET /api/docs`), `npm run docs:api` writes docs/api.md from it,
 * and the integration suite checks every answer against it and that it lists exactly the
 * routes the app registers (test/integration/contract.test.ts).
 *
 * It imports zod schemas: the mini-program imports only its types (`import type`).
 */
import { z } from 'zod';
import { phoneField, identityRequest, privacyConsentRequest, profileUpdateRequest, sessionRequest, smsCodeRequest } from './auth';
import { checkinRequest, riskAreaEndRequest, riskAreaRequest } from './checkin';
import { conversionDecisionBody, conversionInboxQuery, conversionRequestBody } from './conversions';
import { addDependentRequest, issuePaperCodeRequest } from './dependents';
import { grantListQuery, grantRequest, revokeRequest } from './grants';
import { nucleicAcidLine, vaccinationLine } from './healthFeeds';
import { gridListQuery, residentListQuery } from './grids';
import { completeVerificationRequest, startVerificationRequest } from './identity';
import { liftMarkRequest, markListQuery, markRequest, provincialLine, recognitionRequest } from './merge';
import * as r from './responses/index';
import type { RouteContract } from './routeTypes';
import { statsDayQuery, statsGridsQuery, statsRangeQuery } from './stats';
import { scanRequest, unregisteredVisitRequest, venueListQuery, venuePatch, venueRequest, visitRequest } from './venues';

const PNG = 'image/png';
const SVG = 'image/svg+xml';
const ok = (description: string, schema: z.ZodType) => ({ description, schema });
const noContent = (description: string) => ({ description });
const FILING = { id: 'the filing id from GET /api/dependents' };
const CODE_PROBLEMS = ['INVALID_CODE', 'CODE_EXPIRED', 'BAD_SIGNATURE', 'UNKNOWN_ISSUER', 'CODE_REVOKED'] as const;
/** A check-in's address may name a community: one that exists, in the address's district. */
const CHECKIN_PROBLEMS = ['INVALID_CHARACTERS', 'UNKNOWN_COMMUNITY', 'COMMUNITY_NOT_IN_DISTRICT'] as const;

/** Every signed feed's headers and refusals (docs/provincial-feed.md, docs/health-feeds.md). */
const FEED_HEADERS = {
  'X-Feed-Id': 'the feed name',
  'X-Feed-Timestamp': 'Unix seconds; within the signature window',
  'X-Content-SHA256': 'hex SHA-256 of the body',
  'X-Signature': '`v1=` HMAC-SHA256 over the scheme, feed, timestamp, length and digest',
};
/** Visits and scans (decision 0028): a retry of a cut request answers the first answer again. */
const IDEMPOTENCY_HEADERS = {
  'Idempotency-Key':
    'optional: a UUID the client makes once per action and sends again on every retry of it. Within 24 h the same key from the same account answers the first answer again (`Idempotent-Replayed: true`) without recording a second visit; with another request 409 `IDEMPOTENCY_KEY_REUSED`; while the first is still answered 409 `REQUEST_IN_PROGRESS` (`Retry-After: 1`); not a UUID: 400 `INVALID_REQUEST`',
};
const IDEMPOTENCY_ERRORS = ['IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS'] as const;
const FEED_ERRORS = {
  400: ['DIGEST_MISMATCH', 'LENGTH_MISMATCH'],
  401: ['MISSING_SIGNATURE', 'BAD_SIGNATURE', 'UNKNOWN_FEED', 'SIGNATURE_EXPIRED', 'SIGNATURE_REPLAYED'],
  409: ['FEED_UPLOAD_IN_PROGRESS'],
  411: ['LENGTH_REQUIRED'],
  429: ['SPOOL_FULL'],
} as const;

const auth: RouteContract[] = [
  {
    method: 'POST',
    path: '/api/auth/sms-codes',
    tag: 'auth',
    access: 'public',
    summary: 'Send a login code by SMS',
    description: 'Limited per phone and per client address; when the SMS provider is saturated the answer names `simple` login in `error.alternatives`.',
    body: { schema: smsCodeRequest },
    responses: { 202: ok('The code is on its way', r.smsCodeResponse) },
    errors: { 400: ['INVALID_PHONE'], 429: ['SMS_RATE_LIMITED', 'SMS_PROVIDER_BUSY'], 503: ['SMS_PROVIDER_UNAVAILABLE'] },
  },
  {
    method: 'POST',
    path: '/api/auth/sessions',
    tag: 'auth',
    access: 'public',
    summary: 'Log in (SMS code, simple login, WeChat, Alipay)',
    description:
      'Simple login takes the phone and the last four characters of the ID number of a registered account. A WeChat/Alipay identity not yet tied to a phone answers 200 with a `linkTicket`; an SMS login carrying it ties the two.',
    body: { schema: sessionRequest },
    responses: { 201: ok('A session was opened', r.sessionResponse), 200: ok('The platform identity must first be tied to a phone', r.linkRequiredResponse) },
    errors: {
      400: ['INVALID_PHONE', 'LINK_TICKET_INVALID', 'PLATFORM_NOT_CONFIGURED'],
      401: ['INVALID_CREDENTIALS'],
      429: ['TOO_MANY_ATTEMPTS'],
      502: ['PLATFORM_UNAVAILABLE'],
    },
  },
  {
    method: 'DELETE',
    path: '/api/auth/sessions/current',
    tag: 'auth',
    access: 'session',
    summary: 'Log out: the token stops working',
    responses: { 204: noContent('Logged out') },
  },
];

const me: RouteContract[] = [
  { method: 'GET', path: '/api/me', tag: 'me', access: 'session', summary: 'My profile, masked', responses: { 200: ok('The profile', r.meResponse) } },
  {
    method: 'PATCH',
    path: '/api/me',
    tag: 'me',
    access: 'session',
    summary: 'Choose the language the BFF words things in',
    body: { schema: profileUpdateRequest },
    responses: { 200: ok('The profile', r.meResponse) },
  },
  {
    method: 'PUT',
    path: '/api/me/privacy-consent',
    tag: 'me',
    access: 'session',
    summary: 'Accept the privacy notice in force',
    description:
      'What is collected, why, for how long and who sees it (PIPL art. 13(4), 17, 28): the app shows the notice at first login and again whenever its version changes, until the account accepts it. Each acceptance is kept (which version, when); `GET /api/me` answers the version accepted last as `privacyAccepted`.',
    body: { schema: privacyConsentRequest },
    responses: { 200: ok('The profile, with the version accepted', r.meResponse) },
  },
  {
    method: 'PUT',
    path: '/api/me/identity',
    tag: 'me',
    access: 'session',
    summary: 'Register my name and ID number (declared, not verified)',
    description:
      'An ID number that already has a record (filed by family, the provincial feed, a mark) is only claimed by real-name verification: 409 `VERIFICATION_REQUIRED`, nothing changes. Each `ID_ALREADY_REGISTERED`/`VERIFICATION_REQUIRED` answer tells about someone else: after `REGISTRATION_REFUSALS_PER_DAY` (5) of them in a day, 429 `TOO_MANY_ATTEMPTS` for any ID number.',
    body: { schema: identityRequest },
    responses: { 200: ok('The profile, now registered', r.meResponse) },
    errors: {
      400: ['INVALID_NAME', 'INVALID_ID_NUMBER'],
      409: ['ID_ALREADY_REGISTERED', 'IDENTITY_ALREADY_SET', 'VERIFICATION_REQUIRED', 'CLAIM_NAME_MISMATCH'],
      429: ['TOO_MANY_ATTEMPTS'],
    },
  },
  {
    method: 'POST',
    path: '/api/me/identity/verifications',
    tag: 'me',
    access: 'session',
    summary: 'Start a real-name (face) verification with the provider of my platform',
    description:
      '`ID_ALREADY_REGISTERED` only when a *verified* account holds the ID number: an account that only declared it does not block (it gives way to the verified person).',
    body: { schema: startVerificationRequest },
    responses: { 201: ok('What the client needs to run the verification', r.startVerificationResponse) },
    errors: {
      400: ['INVALID_NAME', 'INVALID_ID_NUMBER'],
      409: ['ALREADY_VERIFIED', 'IDENTITY_ALREADY_SET', 'ID_ALREADY_REGISTERED'],
      429: ['VERIFICATION_RATE_LIMITED'],
      502: ['VERIFICATION_UNAVAILABLE'],
      503: ['VERIFICATION_NOT_CONFIGURED'],
    },
  },
  {
    method: 'POST',
    path: '/api/me/identity/verifications/:id/result',
    tag: 'me',
    access: 'session',
    summary: 'Complete a verification: the BFF asks the provider for the outcome',
    description:
      'On success the account is registered and verified, and the record of that ID number is claimed; an unverified account that held it is detached and the paper codes it printed are void (decision 0008).',
    params: { id: 'the verification id from the start' },
    body: { schema: completeVerificationRequest },
    responses: { 200: ok('The profile, registered and verified', r.meResponse) },
    errors: {
      404: ['NOT_FOUND'],
      409: ['VERIFICATION_PENDING', 'VERIFICATION_INVALID', 'CLAIM_NAME_MISMATCH', 'ID_ALREADY_REGISTERED'],
      422: ['VERIFICATION_FAILED'],
      502: ['VERIFICATION_UNAVAILABLE'],
    },
  },
];

const code: RouteContract[] = [
  {
    method: 'POST',
    path: '/api/me/checkins',
    tag: 'code',
    access: 'session',
    summary: 'Daily health check-in',
    description:
      'One per person per China day; a second one the same day replaces the first (`updated: true`). An unverified account whose record holds what others reported gets 403 `VERIFICATION_REQUIRED` (it would replace a check-in the family filed).',
    body: { schema: checkinRequest },
    responses: { 201: ok('The colour the declaration gives, and why (reason codes the app words)', r.checkinResult) },
    errors: { 400: CHECKIN_PROBLEMS, 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
  {
    method: 'GET',
    path: '/api/me/checkins',
    tag: 'code',
    access: 'session',
    summary: 'My check-ins of the last 14 days',
    description: 'For an unverified account whose record holds what others reported: only the check-ins it filed itself.',
    responses: { 200: ok('Newest first', r.checkinHistory) },
    errors: { 403: ['REGISTRATION_REQUIRED'] },
  },
  {
    method: 'GET',
    path: '/api/me/code',
    tag: 'code',
    access: 'session',
    summary: 'My health code: the merged colour, explained, and a fresh QR token',
    description:
      'The busiest route. An unverified account whose record holds what others reported sees `color: "grey"`, the reason `IDENTITY_UNVERIFIED`, `verificationRequired: true` and no sources.',
    responses: { 200: ok('The code', r.codeAnswer) },
    errors: { 403: ['REGISTRATION_REQUIRED'] },
  },
  {
    method: 'GET',
    path: '/api/me/code/changes',
    tag: 'code',
    access: 'session',
    summary: 'Long poll: wait for my code state to move past a version',
    description: 'Answers `{changed:true}` as soon as the state moves past `since` (at once if it already has), else `{changed:false}` after about 25 s.',
    query: z.strictObject({ since: z.string().regex(/^\d+$/).describe('the `version` of the last GET /api/me/code') }),
    responses: { 200: ok('Whether it changed', r.codeChanges) },
  },
  {
    method: 'GET',
    path: '/api/me/audit',
    tag: 'code',
    access: 'session',
    summary: 'Every change of my colour: who, when, why',
    responses: { 200: ok('Newest first', r.auditResponse) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
  {
    method: 'GET',
    path: '/api/me/health-records',
    tag: 'code',
    access: 'session',
    summary: 'Every nucleic-acid round and vaccination dose the feeds hold for me, with source and "as of"',
    responses: { 200: ok('Newest first', r.healthRecordsAnswer) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
  {
    method: 'GET',
    path: '/api/risk-areas',
    tag: 'marks',
    access: 'public',
    summary: 'The risk areas in effect now (the check-in form offers them)',
    responses: { 200: ok('The list', r.riskAreaList) },
  },
  {
    method: 'POST',
    path: '/api/risk-areas',
    tag: 'marks',
    access: 'operator',
    summary: 'Declare a risk area and its level for a period',
    body: { schema: riskAreaRequest },
    responses: { 201: ok('Declared', r.created) },
    errors: { 400: ['INVALID_CHARACTERS'] },
  },
  {
    method: 'PATCH',
    path: '/api/risk-areas/:id',
    tag: 'marks',
    access: 'operator',
    summary: 'End a risk area: its period stops at `effectiveTo` (now, or a time ahead)',
    description:
      '`effectiveTo` must be after the period began. A period that has already ended is 409 `RISK_AREA_ENDED`; one set to end later may be ended sooner (or later). Check-ins from then on no longer count the area.',
    params: { id: 'the `id` of the risk-area list' },
    body: { schema: riskAreaEndRequest, required: true },
    responses: { 200: ok('The period as it now stands', r.riskAreaItem) },
    errors: { 404: ['NOT_FOUND'], 409: ['RISK_AREA_ENDED'] },
  },
  {
    method: 'GET',
    path: '/api/trust-list',
    tag: 'recognition',
    access: 'public',
    summary: 'Our public keys and the issuers we trust (for scanners and other regions)',
    responses: { 200: ok('The trust list', r.trustList) },
  },
];

const marks: RouteContract[] = [
  {
    method: 'GET',
    path: '/api/mark-reasons',
    tag: 'marks',
    access: 'public',
    summary: 'The maintained reasons an authority may give for a mark',
    responses: { 200: ok('Each with its usual colour and its name in zh and en (for operators; the app words reasons itself)', r.markReasonList) },
  },
  {
    method: 'POST',
    path: '/api/marks',
    tag: 'marks',
    access: 'authority',
    summary: 'Mark a person yellow or red, with the legal basis',
    description: '`district` is needed only when the operator acts for several districts.',
    body: { schema: markRequest },
    responses: { 201: ok('The mark and the district it belongs to', r.markCreated) },
    errors: { 400: ['INVALID_ID_NUMBER', 'INVALID_COLOR', 'UNKNOWN_REASON', 'DISTRICT_REQUIRED', 'INVALID_CHARACTERS'] },
  },
  {
    method: 'GET',
    path: '/api/marks',
    tag: 'marks',
    access: 'authority',
    summary: 'The marks of the districts I act for, newest first (the person masked)',
    description:
      'An authority sees the marks of its districts and of those below them (a city its districts); an admin every mark. Naming a `district` the caller does not cover is 403 `FORBIDDEN`. 50 a page.',
    query: markListQuery,
    responses: { 200: ok('A page of marks', r.markList) },
  },
  {
    method: 'DELETE',
    path: '/api/marks/:id',
    tag: 'marks',
    access: 'authority',
    summary: 'Lift a mark (its district or one above), saying why',
    params: { id: 'the mark id' },
    body: { schema: liftMarkRequest, required: true },
    responses: { 204: noContent('Lifted') },
    errors: { 400: ['INVALID_CHARACTERS'], 404: ['NOT_FOUND'], 409: ['MARK_ALREADY_LIFTED'] },
  },
  {
    method: 'POST',
    path: '/api/recognitions',
    tag: 'recognition',
    access: 'session',
    summary: 'Verify a code of this or another region and merge it alone',
    description: 'One of our own paper codes must still stand: revoked, or the holder now worse than printed, is `CODE_REVOKED`.',
    body: { schema: recognitionRequest },
    responses: { 200: ok('The issuer, the colour and its source', r.recognitionResult) },
    errors: { 400: CODE_PROBLEMS },
  },
  {
    method: 'POST',
    path: '/api/provincial/batches',
    tag: 'provincial',
    access: 'feed',
    summary: 'The provincial platform sends colour states (a batch, or one line as a delta)',
    description:
      'NDJSON, one state per line, with `Content-Length`. Everything that may refuse the request is decided before a byte of the body is read; `Expect: 100-continue` is honoured. See docs/provincial-feed.md for the signature.',
    headers: FEED_HEADERS,
    body: { schema: provincialLine, mediaType: 'application/x-ndjson', required: true, description: 'One JSON object per line' },
    responses: { 202: ok('Applied; bad lines are reported with their line numbers', r.provincialBatchResult) },
    errors: FEED_ERRORS,
  },
  // The health-record feeds (decision 0026): the same signing and admission, each kind with its
  // own feeds' keys; the answer is the provincial batch's.
  {
    method: 'POST',
    path: '/api/feeds/nucleic-acid/batches',
    tag: 'healthFeeds',
    access: 'feed',
    summary: 'A lab or a platform sends nucleic-acid test results',
    description:
      'NDJSON, one result per line, signed as the provincial feed is with a key of `NUCLEIC_ACID_FEEDS` (a provincial or vaccination key is `UNKNOWN_FEED`). A line whose `version` is not newer than the record held (per feed and `sampleId`) is a duplicate. See docs/health-feeds.md.',
    headers: FEED_HEADERS,
    body: { schema: nucleicAcidLine, mediaType: 'application/x-ndjson', required: true, description: 'One JSON object per line' },
    responses: { 202: ok('Applied; bad lines are reported with their line numbers', r.provincialBatchResult) },
    errors: FEED_ERRORS,
  },
  {
    method: 'POST',
    path: '/api/feeds/vaccination/batches',
    tag: 'healthFeeds',
    access: 'feed',
    summary: 'A vaccination platform sends doses given',
    description:
      'NDJSON, one dose per line, signed with a key of `VACCINATION_FEEDS`. One record per person and dose number: a line whose `version` is not newer than the one held is a duplicate. See docs/health-feeds.md.',
    headers: FEED_HEADERS,
    body: { schema: vaccinationLine, mediaType: 'application/x-ndjson', required: true, description: 'One JSON object per line' },
    responses: { 202: ok('Applied; bad lines are reported with their line numbers', r.provincialBatchResult) },
    errors: FEED_ERRORS,
  },
];

const relativeErrors = { 403: ['REGISTRATION_REQUIRED'], 404: ['NOT_FOUND'] } as const;
const dependents: RouteContract[] = [
  {
    method: 'POST',
    path: '/api/dependents',
    tag: 'dependents',
    access: 'session',
    summary: 'File for a relative (name, ID number, relation, consent)',
    description:
      'The name must match a record that exists; refused attempts are limited per filer and per ID number (then 429 `TOO_MANY_ATTEMPTS`, even for the right name). Every attempt is recorded and shown to the person.',
    body: { schema: addDependentRequest },
    responses: { 201: ok('The filing', r.created) },
    errors: {
      400: ['CONSENT_REQUIRED', 'INVALID_ID_NUMBER', 'INVALID_NAME', 'FILING_FOR_SELF', 'INVALID_CHARACTERS'],
      403: ['REGISTRATION_REQUIRED'],
      409: ['DEPENDENT_EXISTS', 'DEPENDENT_LIMIT', 'NAME_MISMATCH', 'RELATIVE_HAS_OWN_ACCOUNT'],
      429: ['TOO_MANY_ATTEMPTS'],
    },
  },
  {
    method: 'GET',
    path: '/api/dependents',
    tag: 'dependents',
    access: 'session',
    summary: 'The relatives I file for, masked, with their colour',
    responses: { 200: ok('The list', r.dependentList) },
    errors: { 403: ['REGISTRATION_REQUIRED'] },
  },
  {
    method: 'DELETE',
    path: '/api/dependents/:id',
    tag: 'dependents',
    access: 'session',
    summary: 'Stop filing for a relative',
    description: 'When no filing is left and the record holds nothing of its own, the record is released.',
    params: FILING,
    responses: { 204: noContent('Stopped') },
    errors: relativeErrors,
  },
  {
    method: 'POST',
    path: '/api/dependents/:id/checkins',
    tag: 'dependents',
    access: 'session',
    summary: 'Check in for a relative',
    params: FILING,
    body: { schema: checkinRequest },
    responses: { 201: ok('As for my own check-in', r.checkinResult) },
    errors: { ...relativeErrors, 400: CHECKIN_PROBLEMS },
  },
  {
    method: 'GET',
    path: '/api/dependents/:id/code',
    tag: 'dependents',
    access: 'session',
    summary: "A relative's code, with who files for them",
    params: FILING,
    responses: { 200: ok('As my own code, plus filedBy', r.dependentCodeAnswer) },
    errors: relativeErrors,
  },
  {
    method: 'GET',
    path: '/api/dependents/:id/audit',
    tag: 'dependents',
    access: 'session',
    summary: "A relative's colour history",
    params: FILING,
    responses: { 200: ok('Newest first', r.auditResponse) },
    errors: relativeErrors,
  },
  {
    method: 'GET',
    path: '/api/dependents/:id/health-records',
    tag: 'dependents',
    access: 'session',
    summary: "A relative's nucleic-acid rounds and vaccination doses (the read is recorded)",
    params: FILING,
    responses: { 200: ok('Newest first', r.healthRecordsAnswer) },
    errors: relativeErrors,
  },
  {
    method: 'GET',
    path: '/api/dependents/:id/paper-codes/current',
    tag: 'paperCodes',
    access: 'session',
    summary: "A relative's valid paper code, if any (never issues one)",
    params: FILING,
    responses: { 200: ok('The code or null', r.currentPaperCode) },
    errors: relativeErrors,
  },
  {
    method: 'POST',
    path: '/api/dependents/:id/paper-codes',
    tag: 'paperCodes',
    access: 'session',
    summary: 'Issue a paper code for a relative',
    description:
      'With a valid code already issued: 409 `PAPER_CODE_EXISTS` unless `replace: true`, which voids the printed card. The same request again within the same second answers the same code.',
    params: FILING,
    body: { schema: issuePaperCodeRequest },
    responses: { 201: ok('The new paper code', r.paperCodeView) },
    errors: { ...relativeErrors, 409: ['PAPER_CODE_EXISTS'] },
  },
  {
    method: 'GET',
    path: '/api/me/filers',
    tag: 'dependents',
    access: 'session',
    summary: 'Who files for me',
    responses: { 200: ok('The filings', r.filerList) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
  {
    method: 'DELETE',
    path: '/api/me/filers/:id',
    tag: 'dependents',
    access: 'session',
    summary: "End someone's filing for me (verified accounts)",
    params: { id: 'the filing id from GET /api/me/filers' },
    responses: { 204: noContent('Ended') },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'], 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/me/filing-attempts',
    tag: 'dependents',
    access: 'session',
    summary: 'Every attempt to file for me, newest 100 (verified accounts)',
    responses: { 200: ok('The attempts', r.filingAttemptList) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
];

const paperCodes: RouteContract[] = [
  {
    method: 'GET',
    path: '/api/me/paper-codes/current',
    tag: 'paperCodes',
    access: 'session',
    summary: 'My valid paper code, if any (never issues one)',
    responses: { 200: ok('The code or null', r.currentPaperCode) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
  {
    method: 'POST',
    path: '/api/me/paper-codes',
    tag: 'paperCodes',
    access: 'session',
    summary: 'Issue a paper code for myself',
    description: 'As for a relative: `replace: true` voids a valid printed card.',
    body: { schema: issuePaperCodeRequest },
    responses: { 201: ok('The new paper code', r.paperCodeView) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'], 409: ['PAPER_CODE_EXISTS'] },
  },
  {
    method: 'GET',
    path: '/api/paper-codes/:id/print.svg',
    tag: 'paperCodes',
    access: 'session',
    summary: 'The printable A6 card (holder or an active filer only)',
    params: { id: 'the paper code id' },
    responses: { 200: { description: 'The card', mediaType: SVG } },
    errors: { 404: ['NOT_FOUND'], 410: ['CODE_REVOKED'] },
  },
  {
    method: 'GET',
    path: '/api/paper-codes/:id/print.png',
    tag: 'paperCodes',
    access: 'session',
    summary: 'The QR of a paper code alone, as PNG (holder or an active filer only)',
    params: { id: 'the paper code id' },
    responses: { 200: { description: 'The QR', mediaType: PNG } },
    errors: { 404: ['NOT_FOUND'], 410: ['CODE_REVOKED'] },
  },
  {
    method: 'POST',
    path: '/api/paper-codes/verify',
    tag: 'paperCodes',
    access: 'session',
    summary: 'Verify a paper code online: its colour now beside the printed one',
    description: 'Venue staff, admins, the holder or an active filer only.',
    body: { schema: recognitionRequest },
    responses: { 200: ok('The verdict', r.paperCodeCheck) },
    errors: { 400: CODE_PROBLEMS, 403: ['FORBIDDEN'] },
  },
  {
    method: 'GET',
    path: '/api/revocations',
    tag: 'paperCodes',
    access: 'public',
    summary: 'Paper codes voided before their end, for offline scanners',
    responses: { 200: ok('The list', r.revocationList) },
  },
];

const places: RouteContract[] = [
  {
    method: 'GET',
    path: '/api/venues',
    tag: 'places',
    access: 'operator',
    summary: 'The place registry, newest first, a page at a time',
    description: "An operator's grant is city-wide (as for creating and changing places): every place, or one district's with `district`.",
    query: venueListQuery,
    responses: { 200: ok('A page of places', r.venueList) },
  },
  {
    method: 'POST',
    path: '/api/venues',
    tag: 'places',
    access: 'operator',
    summary: 'Register a place',
    body: { schema: venueRequest },
    responses: { 201: ok('The place, its code and its poster', r.venueCreated) },
    errors: { 400: ['INVALID_CHARACTERS'] },
  },
  {
    method: 'POST',
    path: '/api/venues/import',
    tag: 'places',
    access: 'operator',
    summary: 'Register places from CSV (header `type,name,address,district,lat,lng,organisation`)',
    description: 'Up to 5 MiB and 20 000 rows; good rows are created, bad ones reported with their row number.',
    body: { schema: z.string().describe('CSV text'), mediaType: 'text/csv', required: true },
    responses: { 200: ok('What was created and what was refused', r.venueImportResult) },
    errors: { 400: ['INVALID_CSV'] },
  },
  {
    method: 'PATCH',
    path: '/api/venues/:id',
    tag: 'places',
    access: 'operator',
    summary: 'Open or close a place; switch its rotating code on or off',
    params: { id: 'the place id' },
    body: { schema: venuePatch },
    responses: { 200: ok('The place', r.venueView) },
    errors: { 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/venues/:id/rotating-code',
    tag: 'places',
    access: 'session',
    summary: "The changing code of a place's entrance screen (operators and its staff)",
    params: { id: 'the place id' },
    responses: { 200: ok('The current step', r.rotatingCode) },
    errors: { 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/venues/:id/poster.svg',
    tag: 'places',
    access: 'session',
    summary: "A place's A4 poster (operators and its staff)",
    params: { id: 'the place id' },
    responses: { 200: { description: 'The poster', mediaType: SVG } },
    errors: { 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/venues/:id/poster.png',
    tag: 'places',
    access: 'session',
    summary: "A place's QR alone, as PNG (operators and its staff)",
    params: { id: 'the place id' },
    responses: { 200: { description: 'The QR', mediaType: PNG } },
    errors: { 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/places/:placeCode',
    tag: 'places',
    access: 'public',
    summary: 'A place by the code on its poster',
    params: { placeCode: 'the 10-character code of the poster' },
    responses: { 200: ok('The place', r.place) },
    errors: { 404: ['NOT_FOUND'] },
  },
  {
    method: 'POST',
    path: '/api/venues/:id/visits',
    tag: 'places',
    access: 'session',
    summary: 'I (or a relative) visit a place whose code I scanned',
    description: 'A second visit shortly after the first extends it (`extended: true`). Places with rotating codes need `placeToken`.',
    params: { id: 'the place id' },
    headers: IDEMPOTENCY_HEADERS,
    body: { schema: visitRequest },
    responses: { 201: ok('The pass to show at the gate', r.visitAnswer) },
    errors: {
      403: ['REGISTRATION_REQUIRED'],
      404: ['NOT_FOUND'],
      409: ['VENUE_INACTIVE', 'PLACE_CODE_EXPIRED', ...IDEMPOTENCY_ERRORS],
      503: ['NOT_REPLICATED'],
    },
  },
  {
    method: 'GET',
    path: '/api/staff/venues',
    tag: 'places',
    access: 'session',
    summary: 'The places I am staff of (empty for everyone else)',
    responses: { 200: ok('The places', r.staffVenueList) },
  },
  {
    method: 'POST',
    path: '/api/scans',
    tag: 'places',
    access: 'session',
    summary: "Staff scan a person's code, or look up someone without a phone by ID number and name",
    description:
      'With `qr`, also `scannedAt` and `verifiedOffline` for scans verified offline and uploaded later. An ID lookup that finds no record is 404: record the person by hand. Another region’s code (`kind: recognised`) names no holder (`holder: null`) but its `issuer`, which the scanner words ("穗康码持码人"); the visit log keeps `recognised:<issuer id>`.',
    headers: IDEMPOTENCY_HEADERS,
    body: { schema: scanRequest },
    responses: { 201: ok('The verdict, recorded as a visit', r.scanResult) },
    errors: {
      400: [...CODE_PROBLEMS, 'INVALID_ID_NUMBER'],
      403: ['FORBIDDEN'],
      404: ['NOT_FOUND'],
      409: IDEMPOTENCY_ERRORS,
      429: ['LOOKUP_RATE_LIMITED'],
      503: ['NOT_REPLICATED'],
    },
  },
  {
    method: 'POST',
    path: '/api/venues/:id/unregistered-visits',
    tag: 'places',
    access: 'session',
    summary: 'Staff record a visitor who is not registered (name, ID number, phone, note) — nobody is turned away',
    description:
      "The place's staff and admins; anyone else is told there is no such place (404). Name, ID number, phone and note are stored encrypted, the ID number also as its blind index (docs/decisions/0025-unregistered-visitors.md). The visit is logged (`via: unregistered`, no colour) and counted as a staff scan of the place in the same transaction. The answer is masked.",
    params: { id: 'the place id' },
    body: { schema: unregisteredVisitRequest },
    responses: { 201: ok('The visitor as recorded, masked', r.unregisteredVisit) },
    errors: { 400: ['INVALID_ID_NUMBER', 'INVALID_PHONE'], 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/venues/:id/scans/today',
    tag: 'places',
    access: 'session',
    summary: "The shift's record: today's scans and visits at the place, masked",
    description:
      "The place's staff and admins; anyone else is told there is no such place (404). The place's visits of the China day, newest first, at most 100 (`count` is the day's total): time, masked name (or another region's issuer), colour (null for a visitor recorded by hand) and how (`scan`, `lookup`, `unregistered`, or `self`: they scanned the place's code). Scans appear once the visit stream has written them, within about a second.",
    params: { id: 'the place id' },
    responses: { 200: ok("Today's scans", r.shiftScans) },
    errors: { 404: ['NOT_FOUND'] },
  },
];

const GRID = { code: 'the grid: a 6-digit district, 9-digit street or 12-digit community code' };
const grids: RouteContract[] = [
  {
    method: 'GET',
    path: '/api/grids',
    tag: 'grids',
    access: 'public',
    summary: 'Grids (district → street → community) for pickers: the children of a grid',
    description:
      'Without `parent`, the districts. With `level`, every grid of that level beneath `parent` (`?parent=110105&level=community`: the communities of a district, as the check-in form offers them). A code nobody imported has no children: an empty list. Cacheable for 5 minutes.',
    query: gridListQuery,
    responses: { 200: ok('The grids, by code', r.gridList) },
  },
  {
    method: 'GET',
    path: '/api/staff/grids',
    tag: 'grids',
    access: 'session',
    summary: 'The grids whose dashboard I open: a community worker’s granted grids, the city’s districts for an admin (empty for everyone else)',
    responses: { 200: ok('The grids', r.gridList) },
  },
  {
    method: 'GET',
    path: '/api/grids/:code/residents',
    tag: 'grids',
    access: 'community-worker',
    summary: "A grid's residents: masked name, colour, today's check-in, days overdue",
    description:
      "Residents are placed in a grid by their latest check-in's address (their community, else their district); relatives filed by family count the same. A worker's grant for a street or district covers every grid beneath it; a grid outside it is 403 `FORBIDDEN`. Pages run by grid, then person; each request looks at no more than 1 000 residents, so a filtered page may be short and still have a `nextCursor`.",
    params: GRID,
    query: residentListQuery,
    responses: { 200: ok('A page of residents', r.gridResidentList) },
    errors: { 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/grids/:code/residents/:personId',
    tag: 'grids',
    access: 'community-worker',
    summary: 'One resident of a grid: their colour explained as their code page explains it, and their recent check-ins',
    description:
      "Recorded in the person's history (`GET /api/me/audit`: `VIEWED_BY_COMMUNITY_WORKER` naming the grid). A person who is not in the grid named is 404 `NOT_FOUND`, as is one who does not exist; a grid outside the worker's grant is 403 `FORBIDDEN`.",
    params: { ...GRID, personId: 'the `personId` of the list' },
    responses: { 200: ok('The resident', r.gridResidentDetail) },
    errors: { 404: ['NOT_FOUND'] },
  },
];

const FILING_ROUTES =
  "Where it goes is decided by what makes the colour yellow or red now: a check-in (a declaration, held or in force) → `pending` with the community workers of the person's grid; else an authority mark → `forwarded` to the mark's district; else the provincial state → `referred` at once, with the hotline to call. One open (`pending`, `forwarded`) request per person.";
const CONVERSION_FILING_ERRORS = { 400: ['INVALID_CHARACTERS'], 409: ['NOTHING_TO_CONVERT', 'CONVERSION_ALREADY_OPEN'] } as const;
const conversions: RouteContract[] = [
  {
    method: 'POST',
    path: '/api/me/conversion-requests',
    tag: 'conversions',
    access: 'session',
    summary: 'Ask for a review of my yellow or red code (转码申请), with a reason',
    description: FILING_ROUTES,
    body: { schema: conversionRequestBody },
    responses: { 201: ok('The request, with where it went', r.conversionRequestView) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'], ...CONVERSION_FILING_ERRORS },
  },
  {
    method: 'GET',
    path: '/api/me/conversion-requests',
    tag: 'conversions',
    access: 'session',
    summary: 'My conversion requests (those a relative filed for me too), newest first',
    responses: { 200: ok('The requests', r.conversionRequestList) },
    errors: { 403: ['REGISTRATION_REQUIRED', 'VERIFICATION_REQUIRED'] },
  },
  {
    method: 'POST',
    path: '/api/dependents/:id/conversion-requests',
    tag: 'conversions',
    access: 'session',
    summary: "Ask for a review of a relative's yellow or red code, as their filer",
    description: FILING_ROUTES,
    params: FILING,
    body: { schema: conversionRequestBody },
    responses: { 201: ok('The request, with where it went', r.conversionRequestView) },
    errors: { ...relativeErrors, ...CONVERSION_FILING_ERRORS },
  },
  {
    method: 'GET',
    path: '/api/dependents/:id/conversion-requests',
    tag: 'conversions',
    access: 'session',
    summary: "A relative's conversion requests, newest first",
    params: FILING,
    responses: { 200: ok('The requests', r.conversionRequestList) },
    errors: relativeErrors,
  },
  {
    method: 'GET',
    path: '/api/conversion-requests',
    tag: 'conversions',
    access: 'handler',
    summary: 'My inbox of conversion requests: oldest waiting first, the person masked, their colour now',
    description:
      'A community worker sees the requests of persons in the grids their grants cover (`pending` ones to decide); an authority those forwarded to the districts it covers; an admin every one. Without `status`: the waiting ones (`pending` and `forwarded`). Pages of 50.',
    query: conversionInboxQuery,
    responses: { 200: ok('A page of requests', r.conversionInbox) },
  },
  {
    method: 'POST',
    path: '/api/conversion-requests/:id/decision',
    tag: 'conversions',
    access: 'handler',
    summary: 'Approve or reject a conversion request, with a reason',
    description:
      "A community worker of a grid covering the person decides a `pending` request; the authority of a district covering the mark's a `forwarded` one; an admin either. Anyone else — other grids and districts, other roles — is told 404 `NOT_FOUND`. Approval by a worker clears what the person's check-ins hold and vouches for the check-in in force; approval by an authority lifts that district's marks on the person. If something else still makes the colour yellow or red, the request moves on (`forwarded` to the mark's district, or `referred` to the hotline) instead of `approved`. Each decision is a line of the person's colour history. A request decided (or moved on) by someone else first is 409 `CONVERSION_ALREADY_DECIDED`. Nobody decides a request about their own person, one they filed, or one about a relative they file for (a worker living in their grid, a filer for a relative): 403 `FORBIDDEN`, another handler decides. A worker's approval vouches for what the person had declared when asking: if they declared yellow or red again since, it is 409 `CONVERSION_OUTDATED`; an authority's approval likewise lifts only the marks set by the time the request reached it, and a newer mark of its district makes it 409 `CONVERSION_OUTDATED` (reject it; they may ask again).",
    params: { id: 'the request id from the inbox' },
    body: { schema: conversionDecisionBody },
    responses: { 200: ok('The request after the decision', r.conversionRequestView) },
    errors: { 400: ['INVALID_CHARACTERS'], 403: ['FORBIDDEN'], 404: ['NOT_FOUND'], 409: ['CONVERSION_ALREADY_DECIDED', 'CONVERSION_OUTDATED'] },
  },
];

const STATS_DESCRIPTION =
  'Counted as things happen, not by reading the visit table: a registration and a check-in in their own transaction, scans in the batch that writes them, active people within seconds (docs/decisions/0020-statistics.md). Days are China days. Operators and admins only: registrations and check-ins carry no district, so a district authority is not offered a partial view.';
const RANGE_ERRORS = { 400: ['INVALID_DATE', 'INVALID_DATE_RANGE', 'DATE_RANGE_TOO_LONG'] } as const;
const ops: RouteContract[] = [
  {
    method: 'GET',
    path: '/api/ops/pages',
    tag: 'ops',
    access: 'session',
    summary: 'The operator pages I may open (empty for everyone else)',
    description: 'The home page offers a tile for each.',
    responses: { 200: ok('The pages', r.opsPages) },
  },
  {
    method: 'GET',
    path: '/api/stats/daily',
    tag: 'ops',
    access: 'operator',
    summary: "One day's city figures: registrations, active people, check-ins, scans by place type",
    description: STATS_DESCRIPTION,
    query: statsDayQuery,
    responses: { 200: ok('The figures', r.statsDay) },
    errors: { 400: ['INVALID_DATE'] },
  },
  {
    method: 'GET',
    path: '/api/stats/range',
    tag: 'ops',
    access: 'operator',
    summary: 'The daily figures of a range of days (at most 92), for charts',
    description: 'Every day of the range, in order, with zeros where nothing was counted.',
    query: statsRangeQuery,
    responses: { 200: ok('The figures, day by day', r.statsRange) },
    errors: RANGE_ERRORS,
  },
  {
    method: 'GET',
    path: '/api/stats/grids',
    tag: 'ops',
    access: 'operator',
    summary: "Check-in completion by grid: a grid's children, their residents and who of them checked in on a day",
    description:
      'Residents are the people whose latest check-in placed them in the grid (counted as they are placed); `checkedIn` counts check-ins of that China day in the grid their address named (a second check-in the same day is not counted again). Both kept as things happen, never a scan of the check-ins.',
    query: statsGridsQuery,
    responses: { 200: ok('The grid and its children', r.statsGrids) },
    errors: { 400: ['INVALID_DATE'], 404: ['NOT_FOUND'] },
  },
  {
    method: 'GET',
    path: '/api/stats/export.csv',
    tag: 'ops',
    access: 'operator',
    summary: 'The daily figures of a range of days as CSV (audited)',
    description:
      "RFC 4180, UTF-8, CRLF, every cell quoted; a cell that would begin with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so a spreadsheet does not run it as a formula. Each export is recorded: who, which range, when.",
    query: statsRangeQuery,
    responses: { 200: { description: 'One header row, then one row per day', mediaType: 'text/csv' } },
    errors: RANGE_ERRORS,
  },
];

const GRANT_DESCRIPTION =
  'Every role but `admin`, which only the command line grants or revokes (403 `ROLE_CLI_ONLY`; docs/decisions/0023-operator-pages.md). The scope must fit the role: none for `operator` (city-wide), a district code for `authority`, a grid of the grid list for `community-worker`, a place id for `venue-staff` (else 400 `INVALID_SCOPE`). Every grant and revocation is logged: who, whom, when.';
const grants: RouteContract[] = [
  {
    method: 'GET',
    path: '/api/grants',
    tag: 'ops',
    access: 'admin',
    summary: "Every role grant (the account's phone masked), or one account's",
    query: grantListQuery,
    responses: { 200: ok('The grants, newest first', r.grantList) },
    errors: { 400: ['INVALID_PHONE'] },
  },
  {
    method: 'POST',
    path: '/api/grants',
    tag: 'ops',
    access: 'admin',
    summary: 'Grant a role for a scope to the account of a phone',
    description: GRANT_DESCRIPTION + ' The person must have logged in once (else 404 `ACCOUNT_NOT_FOUND`).',
    body: { schema: grantRequest },
    responses: { 201: ok('Granted', r.grantAnswer), 200: ok('The account already held it', r.grantAnswer) },
    errors: { 400: ['INVALID_PHONE', 'INVALID_SCOPE'], 403: ['ROLE_CLI_ONLY'], 404: ['ACCOUNT_NOT_FOUND'] },
  },
  {
    method: 'DELETE',
    path: '/api/grants',
    tag: 'ops',
    access: 'admin',
    summary: 'Revoke a role grant',
    description: GRANT_DESCRIPTION,
    body: { schema: revokeRequest, required: true },
    responses: { 204: noContent('Revoked') },
    errors: { 403: ['ROLE_CLI_ONLY'], 404: ['GRANT_NOT_FOUND'] },
  },
];

const service: RouteContract[] = [
  {
    method: 'GET',
    path: '/healthz',
    tag: 'service',
    access: 'public',
    summary: 'Liveness: the process answers (no store is asked)',
    description: 'For restarts: a stalled MariaDB or Redis does not fail it. Readiness (`/readyz`) checks the stores.',
    responses: { 200: ok('Alive', r.health) },
  },
  {
    method: 'GET',
    path: '/readyz',
    tag: 'service',
    access: 'public',
    summary: 'Readiness: MariaDB and Redis each answered within 400 ms',
    description:
      'Both checked at once, each with its own 400 ms deadline, so the answer comes within 1 s. `down`: the store refused or failed; `slow`: no answer in time (stalled). For load balancers: send traffic elsewhere while 503. From a shutdown signal on: 503 `{status:"stopping"}` (decision 0028). Which routes still answer while a store is down: docs/decisions/0027-deadlines-and-degraded-modes.md.',
    responses: { 200: ok('Ready', r.readiness), 503: ok('Not ready: names the store that did not answer, or says the process is stopping', r.readiness) },
  },
  {
    method: 'GET',
    path: '/api/city',
    tag: 'service',
    access: 'public',
    summary: "The city's name and the authority that issues its codes (the app's header)",
    description: 'From configuration (`CITY_NAME`, `ISSUING_AUTHORITY`); the same for everyone, cacheable for 5 minutes.',
    responses: { 200: ok('The city', r.cityAnswer) },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'service',
    access: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    responses: { 200: ok('The document', r.openApiDocument) },
  },
  {
    method: 'GET',
    path: '/api/docs',
    tag: 'service',
    access: 'public',
    summary: 'This API as a readable page',
    responses: { 200: { description: 'The reference page', mediaType: 'text/html' } },
  },
  {
    method: 'GET',
    path: '/api/dev/sms-outbox',
    tag: 'service',
    access: 'public',
    devOnly: true,
    summary: 'Dev only: the messages the outbox SMS provider "sent" to a phone, newest first',
    query: z.strictObject({ phone: phoneField }),
    responses: { 200: ok('The messages', r.smsOutbox) },
    errors: { 400: ['INVALID_PHONE'] },
  },
];

export const ROUTES: readonly RouteContract[] = [
  ...auth,
  ...me,
  ...code,
  ...marks,
  ...dependents,
  ...paperCodes,
  ...places,
  ...grids,
  ...conversions,
  ...ops,
  ...grants,
  ...service,
];

/** The table of the routes an app mounts: dev-only routes only when the dev outbox is on. */
export const routesFor = (opts: { dev: boolean }): RouteContract[] => ROUTES.filter((route) => opts.dev || !route.devOnly);
