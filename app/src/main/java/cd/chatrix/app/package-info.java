/**
 * The runnable product: nothing here holds domain logic; it connects the modules. The folders, top
 * down, are the layers; each uses only those below it ({@code ModuleBoundariesTest} holds it):
 *
 * <ul>
 *   <li>{@code boot} starts and stops the process: {@code Main}, {@code Application}, the
 *       composition root ({@code LiveServices}), run modes, hot reload, the demo, start-up waits
 *       and the console over the running bot;
 *   <li>{@code cli} and {@code tui}, the front ends; {@code ops}, the HTTP endpoint, probe and
 *       metrics;
 *   <li>{@code adapter.matrix}, {@code adapter.crypto}, {@code adapter.semaphore}: the bot's ports
 *       over the client modules;
 *   <li>{@code store}, {@code config} and {@code logging}, the foundations.
 * </ul>
 */
package cd.chatrix.app;
