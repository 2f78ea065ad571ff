package cd.chatrix.semaphore.model;

import java.util.Optional;

/**
 * A project inventory ({@code type} is static, static-yaml, file, or a terraform/tofu workspace).
 */
public record Inventory(
    int id,
    int projectId,
    String name,
    String type,
    String inventory,
    Optional<Integer> sshKeyId,
    Optional<Integer> becomeKeyId,
    Optional<Integer> repositoryId) {}
