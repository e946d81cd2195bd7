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

export const codePage = (dependentId?: string | null) => withDependent('/pages/code/index', dependentId);
/** `fromCode`: opened from that code page, so a check-in goes back to it rather than opening another. */
export const checkinPage = (dependentId?: string | null, fromCode = false) => withDependent('/pages/checkin/index', dependentId, fromCode ? { from: 'code' } : {});
export const auditPage = (dependentId?: string | null) => withDependent('/pages/audit/index', dependentId);
export const paperPage = (dependentId?: string | null) => withDependent('/pages/paper/index', dependentId);

/** A page's `dependentId` parameter, or null for the resident's own. */
export function dependentParam(params: Partial<Record<string, string>>): string | null {
  const raw = params.dependentId;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
