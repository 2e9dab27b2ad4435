import { HttpError, forbidden } from './errors.js';
import type { Authenticate, Logger, Principal } from './options.js';

export const ROLES = { admin: 'ADMIN', manager: 'MANAGER', superAdmin: 'SUPER_ADMIN' } as const;

export const isSuperAdmin = (principal: Principal) => principal.roles.includes(ROLES.superAdmin);

/** ADMIN and MANAGER oversee their organisations: they see and correct their members' calls and edit configurations. */
export const oversees = (principal: Principal) =>
  isSuperAdmin(principal) || principal.roles.includes(ROLES.admin) || principal.roles.includes(ROLES.manager);

/** Whether a record or action naming `userId` may come from this user: one's own, or any when overseeing. */
export const mayWriteAs = (principal: Principal, userId: string | undefined) =>
  userId === undefined || userId === principal.userId || oversees(principal);

export const isMember = (principal: Principal, organizationId: string) =>
  isSuperAdmin(principal) || principal.organizationIds.includes(organizationId);

const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function validPrincipal(value: unknown): value is Principal {
  const given = value as Partial<Principal> | null;
  return (
    typeof given === 'object' &&
    given !== null &&
    typeof given.userId === 'string' &&
    given.userId.trim() !== '' &&
    isTextList(given.roles) &&
    isTextList(given.organizationIds)
  );
}

/** The request's user, from the host's `authenticate`; 401 when there is none. */
export async function authenticateRequest(authenticate: Authenticate, request: Request, logger: Logger): Promise<Principal> {
  const principal = await authenticate(request);
  if (principal === null || principal === undefined) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  if (!validPrincipal(principal)) {
    logger.error('call-elements/server: authenticate() must return { userId: string, roles: string[], organizationIds: string[] } or null');
    throw new HttpError(500, 'internal', 'The server could not identify the user.');
  }
  return principal;
}

export function requireMember(principal: Principal, organizationId: string): void {
  if (!isMember(principal, organizationId)) throw forbidden('You are not a member of this organisation.');
}

/**
 * The tenancy rule as SQL, for tables with `owner_user_id` and `organization_ids`: a row is reached
 * by its owner, by an ADMIN or MANAGER of one of its organisations, and by a SUPER_ADMIN. Its
 * parameters come from {@link accessParams}, starting at `$first`.
 */
export function accessPredicate(alias: string, first: number): string {
  const [user, organizations, overseer, superAdmin] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  return `(${alias}.owner_user_id = ${user} OR (${overseer}::boolean AND ${alias}.organization_ids && ${organizations}::text[]) OR ${superAdmin}::boolean)`;
}

export function accessParams(principal: Principal): [string, string[], boolean, boolean] {
  return [principal.userId, [...principal.organizationIds], oversees(principal), isSuperAdmin(principal)];
}
