/** Accounts, persons and real-name registration and verification. */
export { createIdentityService, parseIdentity } from './identityService';
export { createRestriction, registrationRequired, verifyFirst, type Restriction } from './restriction';
export { identityRoutes } from './routes';
export { createUsersRepo, type UsersRepo } from './usersRepo';
export { createVerificationService } from './verificationService';
export { createVerificationsRepo } from './verificationsRepo';
