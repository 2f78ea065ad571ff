/**
 * Interactive device verification over to-device messages: the {@code m.sas.v1} short
 * authentication string flow, as initiator and as responder, with emoji and decimal output.
 */
package cd.chatrix.crypto.verification;
