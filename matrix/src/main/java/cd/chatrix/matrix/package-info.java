/**
 * The Matrix client-server API client: discovery, login, token refresh, the sync loop, rooms and
 * sending. Built to the Matrix specification over the JDK HttpClient.
 */
package cd.chatrix.matrix;
