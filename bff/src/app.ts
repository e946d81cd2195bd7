/**
 * Builds the Koa app from its parts. Nothing here listens or reads the environment:
 * server.ts does that, and tests call buildApp with their own clock and adapters.
 */
import Koa from 'koa';
import serve from 'koa-static';
import type { RedisClient } from './redis';
import { DomainError } from '@yima/shared';
import type { Logger } from 'pino';
import { createAdapters, type Adapters } from './adapters';
import { createOutboxSms } from './adapters/sms/outboxSms';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { createPii } from './crypto/pii';
import type { Db } from './db/pool';
import {
  authRoutes,
  createAuthLimiters,
  createLinkTicketStore,
  createLoginService,
  createPlatformIdentitiesRepo,
  createSessionStore,
  createSmsCodeStore,
} from './features/auth';
import { checkinRoutes, createCheckinService, createCheckinsRepo, createHoldsRepo } from './features/checkins';
import { codeRoutes, createChangeWaiters, createCodeService, createHotCache, createIssuedTokens } from './features/code';
import { createDependentService, createDependentsRepo, createFilingAttemptsRepo, createFilingLimits, dependentRoutes } from './features/dependents';
import { devRoutes } from './features/dev';
import { cityRoutes } from './features/city';
import { healthRoutes } from './features/health';
import {
  createIdentityService,
  createRestriction,
  registrationRequired,
  createUsersRepo,
  createVerificationService,
  createVerificationsRepo,
  identityRoutes,
} from './features/identity';
import {
  createGridAssignment,
  createGridCensus,
  createGridDirectory,
  createGridsRepo,
  createPersonGridsRepo,
  createResidentService,
  gridRoutes,
  hasDashboard,
} from './features/grids';
import { createMarkService, createMarksRepo, markRoutes, marksPolicy } from './features/marks';
import { conversionRoutes, conversionsPolicy, createConversionService, createConversionsRepo, latestOf } from './features/conversions';
import { createHealthRecordsRepo, createTestRequirementCheck, healthRecordRoutes } from './features/healthRecords';
import {
  createAuditService,
  createCodeStateStore,
  createDriftSettler,
  createHistoryRepo,
  createPersonSources,
  createPersonStates,
  createRecordViewsRepo,
} from './features/personState';
import { createPaperCodeService, createPaperCodesRepo, createVerifierAccess, paperCodeRoutes } from './features/paperCodes';
import { createIngest, createProvincialRepo, createUploadGuard, feedLockName, PROVINCIAL_BATCH_PATH, provincialRoutes } from './features/provincial';
import { createHealthFeedsRepo, createHealthIngest, healthFeedRoutes, NUCLEIC_ACID_BATCH_PATH, VACCINATION_BATCH_PATH } from './features/healthFeeds';
import { createTrustList, recognitionRoutes } from './features/recognition';
import { createRiskAreaCache, createRiskAreasRepo, riskAreaRoutes, riskAreasPolicy } from './features/riskAreas';
import { createGrantService, createRolesRepo, grantRoutes, grantsPolicy } from './features/roles';
import { createVenueService, createVenuesRepo, VENUE_IMPORT_PATH, venueRoutes, venuesPolicy } from './features/venues';
import {
  createScanService,
  createShiftRecord,
  createStreamAppender,
  createUnregisteredVisits,
  createVisitLog,
  startDrainerThread,
  type DrainerThread,
  createVisitService,
  visitRoutes,
} from './features/visits';
import { opsRoutes } from './features/ops';
import { createActivity, createStatsRepo, createStatsService, statsPolicy, statsRoutes } from './features/stats';
import { createCodeSigner } from './crypto/codeSigner';
import { createInvalidationBus, usersOf, type InvalidationBus } from './cache/invalidationBus';
import { refuseEncodedBodies } from './http/contentEncoding';
import { errorHandler } from './http/errorHandler';
import { continueAtOnce } from './http/expectContinue';
import { createAccess } from './http/access';
import { jsonBody } from './http/jsonBody';
import { requestLog } from './http/requestLog';
import { createRouter, routerMiddleware } from './http/router';
import { createLogger } from './logger';
import { openApiRoutes } from './openapi/routes';

/** Most lines per chunk of the health-record feeds (docs/benchmarks.md, nucleic-acid feed). */
const HEALTH_FEED_MAX_ROWS_PER_STATEMENT = 2000;
export interface AppDeps {
  config: Config;
  db: Db;
  redis: RedisClient;
  clock?: Clock;
  logger?: Logger;
  /** Override what the config would build (tests point these at fake servers). */
  adapters?: Partial<Adapters>;
}

/** What tests may reach inside a built app: dropping in-memory caches after they change
 * tables directly (the routes that change those tables invalidate them themselves). */
export interface AppInternals {
  dropCaches(): void;
  /** Writes every visit waiting in the stream now (the drainer would, within a second). */
  drainVisits(): Promise<number>;
  /** Resolves once work a request started but did not wait for has ended: colour changes the
   * code page records after answering, visits acknowledged in Redis but not yet in MySQL,
   * people who showed their code not yet written to the statistics.
   * Tests that compare tables across requests call it after every successful one. */
  settled(): Promise<void>;
  /** Every method and path the app answers (the router's patterns, `:param` style); HEAD is
   * left out (Koa answers it as GET). */
  routes(): { method: string; path: string }[];
  /** Starts the app's background work: the visit drainer, the drift settler and the active-people flush (server.ts and the test app call it;
   * building the app starts nothing, so a test may build one that never touches Redis). */
  start(): void;
  /** Shutdown has begun (shutdown.ts): readiness answers 503 `stopping`, open long polls are
   * answered `{changed:false}`. Requests in flight carry on. */
  beginShutdown(): void;
  /** Closes what the app opened itself (the invalidation subscriber, the visit drainer), writing
   * the active people remembered so far. */
  close(): Promise<void>;
}

export function buildApp(deps: AppDeps): { app: Koa; internals: AppInternals } {
  const { config, db, redis } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const pii = createPii(config.piiKey, config.blindIndexKey);
  const adapters = { ...createAdapters(config, redis, pii, clock), ...deps.adapters };

  // Long jobs take their long deadline explicitly; everything else has the request path's
  // (db/deadlinePool.ts, docs/decisions/0027).
  const jobDb = db.withDeadline(config.mysqlJobTimeoutMs);
  const users = createUsersRepo(db);
  const hot = createHotCache(config.codes.cacheSeconds);
  const waiters = createChangeWaiters();
  /** Read by /readyz: a stopping process is not ready (shutdown.ts). */
  const lifecycle = { stopping: false };
  const bus: InvalidationBus = createInvalidationBus(redis, logger, {
    apply(m) {
      hot.apply(m);
      for (const userId of usersOf(m)) waiters.wake(userId);
      // The caches below are made further down; messages arrive only once the app is built.
      if (m.kind === 'grants') scans.forgetGrants(m.userId);
      else if (m.kind === 'place') {
        scans.forgetPlace(m.venueId);
        visits.forgetPlace(m.venueId);
      } else if (m.kind === 'riskAreas') riskAreas.invalidate();
    },
    clearAll() {
      hot.clearAll();
      waiters.wakeAll();
      // Messages may have been missed: the risk areas are read again (kept while MariaDB is
      // away). Grants and places keep their short time limits (10 s, 30 s) and last known
      // values: dropping them here would take the scanners' fallback with them.
      riskAreas.invalidate();
    },
  });
  const sessions = createSessionStore(redis, clock, config.sessionTtlSeconds, (tokenHash) => bus.publish({ kind: 'session', tokenHash }));
  const login = createLoginService({
    clock,
    logger,
    pii,
    limiters: createAuthLimiters(redis, config.sms),
    codes: createSmsCodeStore(redis, pii, clock),
    sessions,
    tickets: createLinkTicketStore(redis, clock),
    users,
    platformIdentities: createPlatformIdentitiesRepo(db),
    ...adapters,
  });
  const checkinsRepo = createCheckinsRepo(db);
  const holds = createHoldsRepo(db);
  const roles = createRolesRepo(db);
  const riskAreasRepo = createRiskAreasRepo(db);
  const riskAreas = createRiskAreaCache(riskAreasRepo, clock, { logger });
  const provincialRepo = createProvincialRepo(db);
  const marksRepo = createMarksRepo(db);
  const history = createHistoryRepo(db);
  const paperCodesRepo = createPaperCodesRepo(db);
  const dependentsRepo = createDependentsRepo(db);
  // In the order each needs the other: the sources (reads), the code cache built from them,
  // and the settling of merged states, which tells that cache.
  const sources = createPersonSources({ db, users, checkins: checkinsRepo, holds, provincial: provincialRepo, marks: marksRepo, history, clock });
  const restriction = createRestriction(users);
  const conversionsRepo = createConversionsRepo(db);
  const healthRecords = createHealthRecordsRepo(db);
  const states = createCodeStateStore({
    redis,
    users,
    loadSources: sources.loadOne,
    restriction,
    pii,
    bus,
    latestConversion: latestOf(conversionsRepo),
    healthOf: healthRecords.summaryOf,
  });
  const invalidateUsers = (userIds: string[]) => states.invalidateMany(userIds);
  const personStates = createPersonStates({
    sources,
    history,
    paperCodes: paperCodesRepo,
    riskAreas,
    policy: config.merge.policy,
    transitions: config.transitions,
    clock,
    invalidateUsers,
  });
  const identity = createIdentityService({
    users,
    pii,
    clock,
    hotline: config.merge.hotline,
    onChange: states.invalidate,
    refusals: { redis, perDay: config.realName.registrationRefusalsPerDay },
  });
  const verifications = createVerificationService({
    redis,
    users,
    repo: createVerificationsRepo(db),
    identity,
    providers: adapters.realName,
    pii,
    clock,
    logger,
    config: config.realName,
  });
  const gridsRepo = createGridsRepo(db);
  const personGrids = createPersonGridsRepo(db);
  const checkins = createCheckinService({
    db,
    users,
    checkins: checkinsRepo,
    holds,
    riskAreas,
    clock,
    transitions: config.transitions,
    restriction,
    onChange: async ({ idHash }, cause) => void (await personStates.settle(idHash, cause)),
    grids: createGridAssignment({ grids: gridsRepo, personGrids, clock }),
  });
  const signer = createCodeSigner(config.codes.signingKeys, config.codes.signingKid);
  const drift = createDriftSettler(personStates, logger);
  const issued = createIssuedTokens(redis);
  // People who showed their code, written in batches every few seconds (features/stats).
  const activity = createActivity({ db: jobDb, logger });
  const code = createCodeService({
    sessions,
    states,
    hot,
    riskAreas,
    signer,
    clock,
    codes: config.codes,
    merge: config.merge,
    transitions: config.transitions,
    issued,
    drift,
    shown: activity.shown,
  });
  const marks = createMarkService({ db, marks: marksRepo, states: personStates, pii, clock });
  const trust = createTrustList(config.trustedIssuers, signer, { id: config.codes.issuerId, name: config.codes.issuerId });
  const ingest = createIngest({
    db: jobDb,
    pii,
    clock,
    logger,
    provincial: provincialRepo,
    users,
    history,
    paperCodes: paperCodesRepo,
    states: personStates,
    indexKey: config.blindIndexKey,
    rowsPerStatement: config.provincial.rowsPerStatement,
    writers: config.provincial.writers,
    workerAboveBytes: config.provincial.workerAboveBytes,
    readers: config.provincial.readers,
    invalidateUsers,
  });
  const healthIngest = createHealthIngest({
    db: jobDb,
    pii,
    clock,
    logger,
    repo: createHealthFeedsRepo(jobDb),
    users,
    // At most 2000 lines a chunk: the provincial default went to 5000 with its rows sorted by
    // key (measured there); these feeds were measured at 2000 and are not sorted. A smaller
    // PROVINCIAL_ROWS_PER_STATEMENT (TiDB's transaction size) still applies to them.
    rowsPerStatement: Math.min(HEALTH_FEED_MAX_ROWS_PER_STATEMENT, config.provincial.rowsPerStatement),
    writers: config.provincial.writers,
    invalidateUsers,
  });

  const recordViews = createRecordViewsRepo(db);
  const audit = createAuditService({ users, history, views: recordViews, restriction });
  const gridDirectory = createGridDirectory({ repo: gridsRepo, clock });
  const conversions = createConversionService({
    db,
    repo: conversionsRepo,
    states: personStates,
    personGrids,
    holds,
    checkins: checkinsRepo,
    marks: marksRepo,
    history,
    pii,
    clock,
    hotline: config.merge.provincialHotline,
    concerns: async (userId, personId) =>
      (await users.findById(userId))?.personId === personId || (await dependentsRepo.activeForPersons([personId])).some((f) => f.filerUserId === userId),
  });
  const residents = createResidentService({
    directory: gridDirectory,
    personGrids,
    states: personStates,
    checkins: checkinsRepo,
    views: recordViews,
    drift,
    pii,
    clock,
    merge: config.merge,
    conversions,
  });
  const dependents = createDependentService({
    db,
    users,
    dependents: dependentsRepo,
    attempts: createFilingAttemptsRepo(db),
    limits: createFilingLimits(redis, config.dependents),
    states: personStates,
    pii,
    clock,
    limit: config.dependents.perFiler,
  });
  const paper = createPaperCodeService({
    repo: paperCodesRepo,
    users,
    filings: dependentsRepo,
    states: personStates,
    signer,
    pii,
    clock,
    validDays: config.dependents.paperCodeDays,
    issuerId: config.codes.issuerId,
  });

  const venuesRepo = createVenuesRepo(db);
  const visitAppender = createStreamAppender(redis, { ...config.venues.ack, commandTimeoutMs: config.redisCommandTimeoutMs });
  const visitLog = createVisitLog({
    redis,
    db: jobDb,
    logger,
    claimIdleMs: config.venues.claimIdleMs,
    shards: config.venues.streamShards,
    appender: visitAppender,
  });
  const testRequirement = createTestRequirementCheck(healthRecords);
  const visits = createVisitService({
    venues: venuesRepo,
    log: visitLog,
    redis,
    code,
    dependents,
    states: personStates,
    pii,
    clock,
    config: config.venues,
    testRequirement,
  });
  const scans = createScanService({
    db,
    redis,
    venues: venuesRepo,
    users,
    states: personStates,
    paper,
    trust,
    signer,
    log: visitLog,
    pii,
    clock,
    config: config.venues,
    issued,
    code,
    roles,
    testRequirement,
  });
  const unregistered = createUnregisteredVisits({ db, venues: venuesRepo, pii, clock });
  const shift = createShiftRecord({ db, clock });
  // Every process drains the visit stream (a consumer group shares the work): see start(). On
  // the request thread (inline) or in a worker thread of its own (VISIT_DRAINER, decision 0032).
  let drainer: Promise<void> = Promise.resolve();
  let drainerThread: DrainerThread | null = null;

  // Koa's proxy mode stays off: the client address is read by http/clientAddress.ts.
  const app = new Koa();
  app.silent = true; // errorHandler logs what matters; Koa's default would print stacks.
  const feedPaths = [PROVINCIAL_BATCH_PATH, NUCLEIC_ACID_BATCH_PATH, VACCINATION_BATCH_PATH];
  app.use(continueAtOnce(new Set(feedPaths)));
  app.use(requestLog(logger, config.requestLogSample));
  app.use(errorHandler(logger));
  app.use(refuseEncodedBodies());
  app.use(jsonBody(16 * 1024, new Set([...feedPaths, VENUE_IMPORT_PATH])));

  // One router for every route: each extra router costs a matching pass on every request.
  const router = createRouter();
  // Who may call each route: every route declares one of access's rules in its chain.
  const access = createAccess({ sessions, grants: roles });
  healthRoutes(router, access, db, redis, () => lifecycle.stopping);
  cityRoutes(router, access, config.city);
  authRoutes(router, login, access, config.trustProxyHops);
  identityRoutes(router, identity, verifications, access);
  checkinRoutes(router, checkins, access);
  codeRoutes(router, { code, waiters, trust, issuerId: config.codes.issuerId, audit, access });
  riskAreaRoutes(router, { repo: riskAreasRepo, cache: riskAreas, access, clock, changed: () => bus.publish({ kind: 'riskAreas' }) });
  markRoutes(router, { marks, access });
  const feedUploads = createUploadGuard({
    redis,
    logger,
    // One guard for every kind's feeds: the spool's cap counts all uploads in progress.
    feeds: [
      ...[...config.provincial.feeds.keys()].map((id) => feedLockName('provincial', id)),
      ...[...config.healthFeeds.nucleicAcid.keys()].map((id) => feedLockName('nucleic-acid', id)),
      ...[...config.healthFeeds.vaccination.keys()].map((id) => feedLockName('vaccination', id)),
    ],
    spoolMaxBytes: config.provincial.spoolMaxBytes,
    windowSeconds: config.provincial.signatureWindowSeconds,
  });
  provincialRoutes(router, { access, ingest, guard: feedUploads, clock, provincial: config.provincial });
  healthFeedRoutes(router, { access, ingest: healthIngest, guard: feedUploads, clock, provincial: config.provincial, feeds: config.healthFeeds });
  recognitionRoutes(router, { trust, access, clock, merge: config.merge, paper, users });
  dependentRoutes(router, {
    dependents,
    access,
    users,
    checkins,
    code,
    audit,
    states: personStates,
    paper,
    pii,
    latestConversion: conversions.latest,
    healthOf: healthRecords.summaryOf,
  });
  paperCodeRoutes(router, {
    paper,
    users,
    access,
    issuerId: config.codes.issuerId,
    verifiers: createVerifierAccess({ db, roles }),
    restriction,
  });
  venueRoutes(router, {
    // The place import is one multi-row statement of up to a whole CSV: the job deadline.
    service: createVenueService({
      repo: createVenuesRepo(jobDb),
      clock,
      publicBaseUrl: config.venues.publicBaseUrl,
      issuerId: config.codes.issuerId,
      changed: (venueId) => bus.publish({ kind: 'place', venueId }),
    }),
    access,
  });
  visitRoutes(router, { visits, scans, unregistered, shift, code, access, redis });
  gridRoutes(router, { directory: gridDirectory, residents, roles, access });
  healthRecordRoutes(router, {
    access,
    records: healthRecords,
    users,
    restriction,
    relativeOf: async (userId, dependentId) => (await dependents.access(userId, dependentId, 'view-health-records')).person,
  });
  conversionRoutes(router, {
    conversions,
    access,
    people: {
      async own(userId) {
        const user = await users.findById(userId);
        if (!user?.personId || !user.idHash) throw registrationRequired();
        // An unverified account whose record holds what others reported acts on none of it (decision 0008).
        await restriction.assertFullAccess(user);
        return { personId: user.personId, idHash: user.idHash };
      },
      relative: async (userId, filingId, action) => (await dependents.access(userId, filingId, action)).person,
    },
  });
  statsRoutes(router, {
    stats: createStatsService({ repo: createStatsRepo(db), clock, census: createGridCensus({ grids: gridsRepo, personGrids }) }),
    access,
  });
  const grantLookups = {
    accountOf: async (phone: string) => (await users.findByPhoneHash(pii.blindIndex('phone', phone)))?.id ?? null,
    gridExists: async (code: string) => (await gridsRepo.find(code)) !== null,
    placeExists: async (id: string) => (await venuesRepo.find(id)) !== null,
  };
  grantRoutes(router, {
    grants: createGrantService({ roles, lookups: grantLookups, pii, clock, changed: (userId) => bus.publish({ kind: 'grants', userId }) }),
    access,
  });
  opsRoutes(router, {
    access,
    grants: roles,
    // Each page opens for exactly those its routes' policy rule lets in (the list's own rule).
    pages: [
      { id: 'stats', opens: (actor) => statsPolicy.can(actor, 'readStats', null) },
      // The dashboard lists a worker's grids, or the city's districts for an admin.
      { id: 'grid', opens: hasDashboard },
      { id: 'conversions', opens: (actor) => conversionsPolicy.can(actor, 'readInbox', null) },
      { id: 'places', opens: (actor) => venuesPolicy.can(actor, 'listVenues', null) },
      { id: 'riskAreas', opens: (actor) => riskAreasPolicy.can(actor, 'declareRiskArea', null) },
      { id: 'marks', opens: (actor) => marksPolicy.can(actor, 'listMarks', { district: null }) },
      { id: 'grants', opens: (actor) => grantsPolicy.can(actor, 'listGrants', null) },
    ],
  });
  const devOutbox = config.dev && config.sms.provider === 'outbox';
  if (devOutbox) devRoutes(router, access, createOutboxSms(redis, pii, clock));
  openApiRoutes(router, access, { dev: devOutbox });
  // Every route, the code page included, is dispatched from this one router's registrations
  // (routerMiddleware indexes its exact paths): a route dispatched ahead of it would be
  // declared twice and logged as unmatched (docs/decisions/0016-one-route-table.md).
  // A method no route knows (PROPFIND, TRACE…) is the client's mistake: 405 like any other
  // wrong method, not the router's default 501, which errorHandler would log as a failure.
  const unknownMethod = () => new DomainError('METHOD_NOT_ALLOWED', 'this route does not take that method');
  app.use(routerMiddleware(router)).use(router.allowedMethods({ throw: true, notImplemented: unknownMethod }));

  if (config.staticDir) {
    // The H5 build: hashed assets may be cached for long, index.html never. The build wrote a
    // Brotli and a gzip copy of each text asset (miniprogram/scripts/precompress.mjs), which
    // koa-send answers to a browser that accepts them: caches must key on Accept-Encoding.
    app.use(
      serve(config.staticDir, {
        maxage: 365 * 86400_000,
        immutable: true,
        setHeaders: (res, path) => {
          res.setHeader('Vary', 'Accept-Encoding');
          if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
  }
  return {
    app,
    internals: {
      dropCaches: () => {
        riskAreas.invalidate();
        hot.clearAll();
        activity.forget();
      },
      drainVisits: () => visitLog.drain(),
      settled: async () => {
        await drift.idle();
        await visitLog.settled();
        await activity.flush();
      },
      routes: () => {
        const seen = new Map<string, { method: string; path: string }>();
        const layers = router.stack.flatMap((l) => l.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: String(l.path) })));
        for (const r of layers) seen.set(`${r.method} ${r.path}`, r);
        return [...seen.values()];
      },
      start: () => {
        if (config.venues.drainer === 'thread') {
          drainerThread = startDrainerThread(
            {
              mysqlUrl: config.mysqlUrl,
              mysqlPoolSize: Math.max(2, Math.min(config.venues.streamShards, config.mysqlPoolSize)),
              mysqlQueryTimeoutMs: config.mysqlQueryTimeoutMs,
              mysqlJobTimeoutMs: config.mysqlJobTimeoutMs,
              redisUrl: config.redisUrl,
              redisClusterNodes: [...config.redisClusterNodes],
              redisCommandTimeoutMs: config.redisCommandTimeoutMs,
              logLevel: config.logLevel,
              claimIdleMs: config.venues.claimIdleMs,
              streamShards: config.venues.streamShards,
            },
            logger,
          );
        } else drainer = visitLog.start().catch((err: Error) => logger.error({ reason: err.message }, 'visit drainer did not start'));
        drift.start();
        activity.start();
      },
      beginShutdown: () => {
        lifecycle.stopping = true;
        waiters.releaseAll();
      },
      close: async () => {
        // The drainer thread finishes its batch while the rest closes (it may take seconds).
        const threadStopped = drainerThread?.stop();
        await drainer;
        await visitLog.stop();
        await visitAppender.close();
        await drift.stop();
        await activity.stop();
        await bus.close();
        await threadStopped;
      },
    },
  };
}
