/**
 * The runnable product: CLI, configuration, store, logging, run modes and the wiring of every
 * module. Nothing here holds domain logic; it connects the parts.
 */
package cd.chatrix.app;
