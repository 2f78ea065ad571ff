/**
 * Discovery, every login method and token renewal. A login yields a {@link
 * cd.chatrix.matrix.auth.Session} that lives in a {@link cd.chatrix.matrix.auth.SessionStore}.
 */
package cd.chatrix.matrix.auth;
