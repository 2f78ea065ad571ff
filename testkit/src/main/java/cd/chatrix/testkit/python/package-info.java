/** The system Python that the interop tests drive (libolm and matrix-nio as oracles). */
package cd.chatrix.testkit.python;
