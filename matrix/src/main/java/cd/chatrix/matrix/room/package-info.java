/**
 * Rooms the bot is in or invited to: a state cache fed by sync (name, encryption, power levels,
 * members), the invite policy hook, joining and leaving.
 */
package cd.chatrix.matrix.room;
