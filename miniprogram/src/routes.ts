/**
 * Page addresses, in one place. Pages that serve both the resident and a relative they file
 * for (code, check-in, colour history, paper code) take an optional `dependentId`.
 */
const withDependent = (page: string, dependentId?: string | null, extra: Record<string, string> = {}) => {
  const query = Object.entries({ ...(dependentId ? { dependentId } : {}), ...extra })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return query ? `${page}?${query}` : page;
};

export const HOME_PAGE = '/pages/home/index';
export const FAMILY_PAGE = '/pages/family/index';
export const FAMILY_ADD_PAGE = '/pages/family/add';
export const FILERS_PAGE = '/pages/family/filers';
/** Type or paste a place code (H5, which has no camera API). */
export const SCAN_PAGE = '/pages/scan/index';
/** Venue staff scan residents' codes. */
export const SCANNER_PAGE = '/pages/staff/scanner/index';
/** City statistics, for operators and admins (GET /api/ops/pages lists it). */
export const STATS_PAGE = '/pages/ops/stats/index';
/** The operator pages (issue 12): the place registry, risk areas, authority marks, role grants. */
export const PLACES_PAGE = '/pages/ops/places/index';
export const RISK_AREAS_PAGE = '/pages/ops/riskAreas/index';
export const MARKS_PAGE = '/pages/ops/marks/index';
export const GRANTS_PAGE = '/pages/ops/grants/index';
/** A place's entrance screen (rotating code), for its staff and operators. */
export const placeScreenPage = (venueId: string) => `/pages/staff/placeScreen/index?venueId=${encodeURIComponent(venueId)}`;

/** The conversion-request inbox of community workers and authorities (decision 0022). */
export const CONVERSIONS_INBOX_PAGE = '/pages/ops/conversions/index';
/** A community worker's grid dashboard, and one resident of a grid. */
export const GRID_PAGE = '/pages/ops/grid/index';
export const gridResidentPage = (grid: string, personId: string) =>
  `/pages/ops/grid/resident?grid=${encodeURIComponent(grid)}&personId=${encodeURIComponent(personId)}`;

export const codePage = (dependentId?: string | null) => withDependent('/pages/code/index', dependentId);
/** `fromCode`: opened from that code page, so a check-in goes back to it rather than opening another. */
export const checkinPage = (dependentId?: string | null, fromCode = false) =>
  withDependent('/pages/checkin/index', dependentId, fromCode ? { from: 'code' } : {});
export const auditPage = (dependentId?: string | null) => withDependent('/pages/audit/index', dependentId);
export const paperPage = (dependentId?: string | null) => withDependent('/pages/paper/index', dependentId);
/** Asking for a review of a yellow or red colour (转码申请), and the person's requests: the code
 * page offers it when its answer says `conversion.requestable`, and opens it from the latest
 * request's status. */
export const conversionPage = (dependentId?: string | null) => withDependent('/pages/conversion/index', dependentId);
/** Every nucleic-acid round and vaccination dose (decision 0026), from the code page. */
export const recordsPage = (dependentId?: string | null) => withDependent('/pages/records/index', dependentId);

/** Where a place's poster QR leads: check in there and show the pass. `p` is the place code. */
export const visitPage = (placeCode: string) => `/pages/visit/index?p=${encodeURIComponent(placeCode)}`;

/** A place whose visit page sent a logged-out resident to log in: opened once they are in. */
let pendingPlace: string | null = null;
export const rememberPendingPlace = (placeCode: string | null) => {
  pendingPlace = placeCode;
};

/** The page to open after login or registration: the visit that was waiting, else home. */
export function afterLoginPage(): string {
  const place = pendingPlace;
  pendingPlace = null;
  return place ? visitPage(place) : HOME_PAGE;
}

/** A page's parameter, decoded (Taro hands some platforms' query values still encoded). */
export function pageParam(params: Partial<Record<string, string>>, name: string): string | null {
  const raw = params[name];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A page's `dependentId` parameter, or null for the resident's own. */
export const dependentParam = (params: Partial<Record<string, string>>): string | null => pageParam(params, 'dependentId');

export const PRIVACY_PAGE = '/pages/privacy/index';

/** The privacy notice, then `next` (where the person was going): only a page of this app. */
export const privacyPage = (next: string) => `${PRIVACY_PAGE}?next=${encodeURIComponent(next)}`;

/** Where the privacy notice leads once accepted: its `next` when that is a page of this app
 * (never another site: the parameter comes from a URL anyone can write), else home. */
export function afterPrivacyPage(params: Partial<Record<string, string>>): string {
  const next = pageParam(params, 'next');
  return next && /^\/pages\/[a-z][A-Za-z/]*(\?[\w=&%.-]*)?$/.test(next) && !next.startsWith(PRIVACY_PAGE) ? next : HOME_PAGE;
}
