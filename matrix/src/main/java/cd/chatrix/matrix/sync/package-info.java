/**
 * The sync engine: one long-poll loop per account that hands room events to handlers, one room at a
 * time in order and rooms in parallel, and commits its position only once events are handled.
 */
package cd.chatrix.matrix.sync;
