/**
 * The command line, declared with picocli: every flag of the original plus {@code demo} and {@code
 * store migrate}. Its {@code --help} is the documentation of the flags. The launcher behind it
 * lives in {@code boot}.
 */
package cd.chatrix.app.cli;
