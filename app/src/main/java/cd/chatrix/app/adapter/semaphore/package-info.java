/**
 * Adapts the Semaphore client to the bot's {@code RunnerPort} and feeds task state changes from the
 * watcher to the bot (project and template lists kept in a {@code CatalogCache}); also maps the
 * app's configuration onto the client's settings.
 */
package cd.chatrix.app.adapter.semaphore;
