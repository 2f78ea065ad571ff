/**
 * Discovery, every login method and token renewal. A login yields a {@link
 * cd.chatrix.matrix.auth.Session} that lives in a {@link cd.chatrix.matrix.auth.SessionStore}; a
 * {@link cd.chatrix.matrix.auth.SessionTokens} keeps it alive: refresh (under the version the
 * server advertises, see {@link cd.chatrix.matrix.auth.ServerVersions}), else a new login on the
 * same device when that needs no person. A failing renewal backs off and keeps the current token;
 * only a session the server ended and nothing could renew ends for good, and says so once.
 */
package cd.chatrix.matrix.auth;
