package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `ballast serve` leaves on disk and who may read it, and how a revoked token stops working. */
class DataDirectoryTest {
  @TempDir Path dir;

  @Test
  void theDataDirectoryIsOwnerOnlyAndSoIsEveryFileInIt() throws Exception {
    // permissions asked for at creation pass through the umask; the ones checked here must be exact
    try (TestServer server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "")) {
      Path data = server.dataDir();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
      List<Path> files;
      try (Stream<Path> list = Files.list(data)) {
        files = list.filter(Files::isRegularFile).toList();
      }
      assertTrue(files.contains(data.resolve(AdminToken.FILE)), files.toString());
      assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".mv.db")), "the H2 database is there: " + files);
      for (Path file : files) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
      }
    }
  }

  @Test
  void aNewFileIsOwnerOnlyFromItsFirstMomentAndAGroupReadableOneIsTightened() throws Exception {
    Path data = dir.resolve("fresh/data");
    DataDirectory.create(data);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    Path made = data.resolve("made");
    DataDirectory.createOwnerOnly(made);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    Path open = Files.createFile(data.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
    DataDirectory.restrictFiles(data);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
  }

  @Test
  void aRevokedTokenStopsWorkingOnceItsCacheEntryExpires() throws Exception {
    try (TestServer server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.http.token-cache-ttl = 200ms\n")) {
      assertEquals(200, server.get("/api/accounts").status());
      try (Connection c = server.server().database().connection();
          PreparedStatement delete = c.prepareStatement("DELETE FROM api_tokens")) {
        assertEquals(1, delete.executeUpdate());
        c.commit();
      }
      // the condition asserted is the one waited for: the revoked token is refused
      int[] status = {0};
      Eventually.await(Duration.ofSeconds(30), () -> (status[0] = server.get("/api/accounts").status()) == 401,
          () -> "a token deleted from the database must stop working; still answered " + status[0]);
    }
  }
}
