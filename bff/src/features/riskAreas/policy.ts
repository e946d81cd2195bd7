/** Who may change the list of risk areas (declare a level, end a period): operators (and
 * admins). Reading it is public. */
import { holds, isAdmin, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

export type RiskAreaResources = {
  declareRiskArea: null;
  endRiskArea: null;
};
export type RiskAreaAction = keyof RiskAreaResources;

const operator = (actor: Actor) => isAdmin(actor) || holds(actor, 'operator');

/** The list is city-wide (an operator's grant is): whoever declares may end. */
export const riskAreasPolicy = definePolicy<RiskAreaResources>({
  declareRiskArea: operator,
  endRiskArea: operator,
});

export const RISK_AREA_ACTIONS = riskAreasPolicy.actions;
