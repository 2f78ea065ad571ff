/**
 * The only package that touches the vodozemac binding (Trixnity 5.0.1): adapters from its Kotlin
 * classes to the project's engine interfaces, and the one class that reaches its mangled pickle
 * API. One more class stands in for the binding's own native-library loader so the library is
 * loaded once per process: {@code de.connect2x.trixnity.vodozemac.JvmLoader} in this module (its
 * header says why and what to check when the binding is upgraded).
 */
package cd.chatrix.crypto.vodozemac;
