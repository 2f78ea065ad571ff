/**
 * Starting tasks: the options a chat user asks for, the check against what a template allows (done
 * before any request is sent), and the portable start body that both 2.10 and 2.12+ servers
 * understand.
 */
package cd.chatrix.semaphore.run;
