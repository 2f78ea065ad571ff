/**
 * People whose devices encrypt, for the app's tests and the benches: {@link
 * cd.chatrix.testclients.CryptoPerson} is a testkit user with an Olm/Megolm machine of its own.
 *
 * <p>Why a module of its own: the testkit's fakes stand for servers and must not share our client
 * code (a fake built from it would agree with our bugs), while a person's device is a client, and
 * our crypto machine is a fair one to play it. Interop with clients that are not ours is proven
 * apart, against libolm and matrix-nio. Nothing in the product depends on this module.
 */
package cd.chatrix.testclients;
