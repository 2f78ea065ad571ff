/**
 * Understanding task output: ANSI SGR colour codes parsed into styled spans (for chat HTML), an
 * Ansible summary (failed tasks and hosts, PLAY RECAP) and the Terraform/OpenTofu plan and apply
 * summary lines.
 */
package cd.chatrix.semaphore.output;
