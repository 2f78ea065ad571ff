package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.crypto.engine.PickleKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Where the key that seals the crypto state comes from: {@code matrix.pickle_key} (or its {@code
 * _file} twin, already read by the config loader), else {@code <store>/pickle.key}, created with a
 * random key on first start and readable by the owner only. Neither the key nor the text it came
 * from ever reaches a log line or an exception message.
 */
public final class PickleKeys {
  /** The generated key's file name inside the store directory. */
  public static final String FILE_NAME = "pickle.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PickleKeys() {}

  /** The key for this configuration: configured, else kept in the store directory. */
  public static PickleKey load(MatrixConfig config) {
    return load(config.pickleKey(), config.storePath());
  }

  public static PickleKey load(Secret configured, Path storeDir) {
    if (configured.isPresent()) {
      return fromText(configured.reveal());
    }
    return fromFile(storeDir.resolve(FILE_NAME));
  }

  /**
   * A configured key: 32 bytes in base64 (standard or URL-safe, padding optional) or hex; any other
   * text is a passphrase, hashed with SHA-256 into a key.
   */
  static PickleKey fromText(String text) {
    String trimmed = text.strip();
    return decode(trimmed).map(PickleKey::of).orElseGet(() -> PickleKey.of(passphrase(trimmed)));
  }

  private static Optional<byte[]> decode(String text) {
    if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Optional.of(HexFormat.of().parseHex(text));
    }
    for (Base64.Decoder decoder :
        new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
      try {
        byte[] bytes = decoder.decode(text);
        if (bytes.length == 32) {
          return Optional.of(bytes);
        }
      } catch (IllegalArgumentException notThisAlphabet) {
        // Try the other alphabet, then treat the text as a passphrase.
      }
    }
    return Optional.empty();
  }

  private static byte[] passphrase(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("chatrixcd pickle key\0".getBytes(StandardCharsets.UTF_8));
      return sha.digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
  }

  private static PickleKey fromFile(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!Files.exists(file)) {
        PickleKey fresh = PickleKey.random();
        if (create(file, Base64.getEncoder().encodeToString(fresh.bytes()) + "\n")) {
          return fresh;
        }
      }
      restrict(file);
      String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return decode(content)
          .map(PickleKey::of)
          .orElseThrow(() ->
              new IllegalStateException(
                  "The pickle key file "
                      + file
                      + " does not hold a 32-byte base64 key. Restore it from a backup; without"
                      + " it the stored encryption state cannot be opened (moving the whole store"
                      + " away starts the bot as a new device)."));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read or create the pickle key file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "). Check that matrix.store_path is writable by this user, or set"
              + " matrix.pickle_key_file.",
          e);
    }
  }

  /** Creates the file owner-only from the start; false when another process created it first. */
  private static boolean create(Path file, String content) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      return false;
    }
    Files.writeString(
        file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    return true;
  }

  private static void restrict(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }
}
