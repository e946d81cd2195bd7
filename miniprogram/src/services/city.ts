/** The city this BFF serves and who issues its codes (`GET /api/city`, from configuration),
 * kept in memory: it does not change while the app runs. */
import type { CityAnswer } from '@yima/shared';
import { request } from './request';

let city: CityAnswer | null = null;

export const cachedCity = () => city;

export async function fetchCity(): Promise<CityAnswer> {
  city ??= (await request<CityAnswer>('/api/city')).data;
  return city;
}
