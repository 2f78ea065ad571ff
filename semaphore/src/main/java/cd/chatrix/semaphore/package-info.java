/**
 * The Semaphore UI REST and websocket client, typed records for its resources, and task watching.
 * Tolerates the response shapes of Semaphore 2.10 through 2.16+.
 */
package cd.chatrix.semaphore;
