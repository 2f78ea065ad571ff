/**
 * {@code chatrixcd demo}'s sandbox: the testkit homeserver and Semaphore simulator started in
 * process with a room, a person and a project, the config file that points the real bot at them,
 * and the short scripted conversation a newcomer watches.
 */
package cd.chatrix.app.boot.demo;
