/**
 * Typed records for Semaphore resources (projects, templates, tasks, output) and the lenient
 * decoder that reads both the 2.10 shape (every key, nulls) and the 2.12+ shape (omitted keys,
 * params objects).
 */
package cd.chatrix.semaphore.model;
