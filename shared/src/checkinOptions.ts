/** The choices a check-in offers; shared by the form and the contract. */
export const SYMPTOMS = ['fever', 'cough', 'fatigue', 'sore_throat', 'loss_of_taste_smell'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const CONTACTS = ['none', 'suspected', 'confirmed'] as const;
export type Contact = (typeof CONTACTS)[number];
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
