/**
 * Logging set-up for the whole process: Logback configured in code, redaction of secrets (always)
 * and of identifiers (with -R) applied to every formatted line, and the bridge that sends JDK
 * System.Logger output there.
 */
package cd.chatrix.app.logging;
