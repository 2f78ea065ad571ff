/**
 * Configuration: reads the original ChatrixCD config.json (comments, trailing commas, unquoted
 * keys, single quotes, old versions; the original's {@code oidc} without an issuer as SSO), layers
 * environment variables and CLI overrides, resolves every relative path from the config file's
 * folder ({@link cd.chatrix.app.config.ConfigPaths}), validates, renders for -s, hot-reloads files,
 * and runs the -I wizard, which edits an existing file key by key ({@link
 * cd.chatrix.app.config.ConfigFileEditor}) instead of rewriting it, and finds every secret value
 * for the log redactor ({@link cd.chatrix.app.config.ConfigSecrets}).
 */
package cd.chatrix.app.config;
