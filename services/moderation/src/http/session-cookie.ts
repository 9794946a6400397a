/**
 * Name of the review API's session cookie (httpOnly, SameSite=Strict, Secure unless
 * SESSION_COOKIE_SECURE=false); set and checked by auth/, named in the OpenAPI document's security scheme.
 */
export const SESSION_COOKIE = 'vigil_session';
