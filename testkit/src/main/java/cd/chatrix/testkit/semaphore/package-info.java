/**
 * An in-process Semaphore UI simulator with real HTTP and websocket sockets, two response shapes
 * (2.10 and 2.12+), scripted task runs, fault injection and a request log for assertions.
 */
package cd.chatrix.testkit.semaphore;
