/**
 * The only package that touches the vodozemac binding (Trixnity 5.0.1): adapters from its Kotlin
 * classes to the project's engine interfaces, and the one class that reaches its mangled pickle
 * API.
 */
package cd.chatrix.crypto.vodozemac;
