package cd.chatrix.app.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rule for every relative path in the configuration: it is taken from the folder of the config
 * file, so a unit file or container can start the bot from anywhere. The original ChatrixCD took
 * {@code store_path}, {@code log_file} and the other paths from the working directory instead; an
 * existing deployment keeps working because, where the two readings differ and only the old
 * location exists, the old one is used, with a warning said once per process.
 */
final class ConfigPaths {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigPaths.class);

  // Once per process, not once per hot reload.
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private final Path configDir;
  private final Path workingDir;

  /**
   * @param configDir the folder of the config file
   * @param workingDir the process's working directory, where the original looked
   */
  ConfigPaths(Path configDir, Path workingDir) {
    this.configDir = configDir.toAbsolutePath().normalize();
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** The absolute path {@code value} means; see the class comment for relative ones. */
  Path path(String keyPath, Path value) {
    if (value.isAbsolute()) {
      return value.normalize();
    }
    Path ours = configDir.resolve(value).normalize();
    Path original = workingDir.resolve(value).normalize();
    if (ours.equals(original)
        || Files.exists(ours, LinkOption.NOFOLLOW_LINKS)
        || !Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
      return ours;
    }
    if (ANNOUNCED.add(keyPath + "\n" + original)) {
      LOG.warn(
          "Configuration: {}: \"{}\" is found in the working directory ({}), where the original"
              + " ChatrixCD looked, not next to the config file ({}); using {}. Move it there or"
              + " write the absolute path to stop this warning.",
          keyPath,
          value,
          original,
          ours,
          original);
    }
    return original;
  }
}
