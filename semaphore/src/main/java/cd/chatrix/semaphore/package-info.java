/**
 * The Semaphore UI REST and websocket client, typed records for its resources, and task watching.
 * Tolerates the response shapes of Semaphore 2.10 through 2.16+. Reads heal by themselves (retries
 * with back-off); an outage is logged once when it starts and once when it ends.
 */
package cd.chatrix.semaphore;
