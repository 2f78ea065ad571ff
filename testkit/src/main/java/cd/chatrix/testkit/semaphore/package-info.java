/**
 * An in-process Semaphore UI simulator with real HTTP and websocket sockets, two response shapes
 * (2.10 and 2.12+), scripted task runs, fault injection and a request log for assertions. Faults
 * ({@link cd.chatrix.testkit.semaphore.Faults}) are what a real server or its proxy sends in an
 * outage, per endpoint, counted or until lifted; the simulator can also stop and start on the same
 * port keeping its tasks, as a restarted Semaphore keeps its database. Each started task records
 * what reached "ansible" ({@link cd.chatrix.testkit.semaphore.AnsibleInputs}): the extra vars from
 * {@code environment} and the secrets from the task's {@code secret} field, apart.
 */
package cd.chatrix.testkit.semaphore;
