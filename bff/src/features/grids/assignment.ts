/**
 * Where a check-in's address places its person (docs/decisions/0019): the community when the
 * address names one — which must have been imported (the contract has already checked that it
 * lies in the address's district) — else the district. Implements the check-ins' `AddressGrids`
 * port (app.ts passes it in), so check-ins need not know grids.
 */
import { DomainError } from '@yima/shared';
import type { CheckinRequest } from '@yima/shared';
import type { Clock } from '../../clock';
import type { GridsRepo } from './gridsRepo';
import type { PersonGridsRepo } from './personGridsRepo';

export function createGridAssignment(d: { grids: GridsRepo; personGrids: PersonGridsRepo; clock: Clock }) {
  return {
    async gridOf(address: CheckinRequest['address']): Promise<string> {
      if (!address.community) return address.district;
      const community = await d.grids.find(address.community);
      if (!community || community.level !== 'community') {
        throw new DomainError('UNKNOWN_COMMUNITY', `address.community: ${address.community} is not a community of the grid list`);
      }
      return community.code;
    },

    place: (personId: string, grid: string): Promise<void> => d.personGrids.assign(personId, grid, 'checkin', d.clock.now()),
  };
}

export type GridAssignment = ReturnType<typeof createGridAssignment>;
