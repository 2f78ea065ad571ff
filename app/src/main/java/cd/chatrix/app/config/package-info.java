/**
 * Configuration: reads the original ChatrixCD config.json (comments, trailing commas, old
 * versions), layers environment variables and CLI overrides, validates, renders for -s, hot-reloads
 * files.
 */
package cd.chatrix.app.config;
