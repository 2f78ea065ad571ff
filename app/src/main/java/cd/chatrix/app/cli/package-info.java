/**
 * The command line, declared with picocli: every flag of the original plus {@code demo}. Its {@code
 * --help} is the documentation of the flags.
 */
package cd.chatrix.app.cli;
