/** Who may change the list of risk areas: operators (and admins). Reading it is public. */
import { holds, isAdmin } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

export type RiskAreaResources = {
  declareRiskArea: null;
};
export type RiskAreaAction = keyof RiskAreaResources;

export const riskAreasPolicy = definePolicy<RiskAreaResources>({
  declareRiskArea: (actor) => isAdmin(actor) || holds(actor, 'operator'),
});

export const RISK_AREA_ACTIONS = riskAreasPolicy.actions;
