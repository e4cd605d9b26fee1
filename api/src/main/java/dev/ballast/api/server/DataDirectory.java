package dev.ballast.api.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory, readable by its owner only whatever the umask: the directory 0700, every file
 * in it 0600 (the admin token, the H2 database and its lock and trace files). Permissions are set
 * explicitly after a file exists, because the umask masks the ones asked for at creation.
 */
public final class DataDirectory {
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private DataDirectory() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the directory (and its parents) if missing; the directory itself is made 0700 when created here. */
  public static void create(Path dir) throws IOException {
    boolean existed = Files.isDirectory(dir);
    Files.createDirectories(dir);
    if (!posix()) {
      return;
    }
    if (!existed) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    } else {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
      if (!now.equals(DIRECTORY) && now.stream().anyMatch(p -> !p.name().startsWith("OWNER"))) {
        LOG.warn("the data directory {} is open to other users ({}); Ballast's files in it are made owner-only",
            dir, PosixFilePermissions.toString(now));
      }
    }
  }

  /** Creates an empty file that is owner-only from its first moment (the umask can only take bits away). */
  public static void createOwnerOnly(Path file) throws IOException {
    if (posix()) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } else {
      Files.createFile(file);
    }
    restrict(file);
  }

  /** Makes one file owner-only (read and write). */
  public static void restrict(Path file) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Makes every regular file directly in the directory owner-only (the database files appear after it opens). */
  public static void restrictFiles(Path dir) throws IOException {
    if (!posix() || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(file, FILE);
        }
      }
    }
  }
}
