/** A visit as the visit log records it (features/visits/visitLog.ts), for tests that write
 * straight to the streams: a resident's scan of place `venueId`, holder `<prefix>*<n>`. */
export const testVisit = (n: number, venueId = '999999999', holderPrefix = '测') => ({
  venueId,
  venueType: 'community' as const,
  personId: null,
  holder: `${holderPrefix}*${n}`,
  color: 'green' as const,
  via: 'resident-scan' as const,
  recordedBy: null,
  flagged: false,
  verifiedOffline: false,
  at: new Date('2026-11-22T08:00:00Z'),
  clientKey: null,
});
