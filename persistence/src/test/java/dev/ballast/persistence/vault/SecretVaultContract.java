package dev.ballast.persistence.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are sealed per account, opened only with their key version, logged without values, and re-sealed by a rotation. */
abstract class SecretVaultContract {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  static final String KEY = "vmPwGj2kRqvK7Xh0LBvkey-A1B2";
  static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  @TempDir Path dir;
  private Database database;
  private SecretVault vault;
  private MasterKeySource.Loaded loaded;

  abstract TestBackend backend();

  @BeforeEach
  void open() throws Exception {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    loaded = MasterKeySource.load(dir.resolve("data"), name -> null);
    vault = new SecretVault(database, loaded.keyring());
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static AccountSecret binance() {
    return new AccountSecret(Map.of(AccountSecret.API_KEY, KEY, AccountSecret.API_SECRET, SECRET));
  }

  @Test
  void aSecretOpensAsItWasSetAndIsListedMasked() {
    assertEquals(SecretVault.SetOutcome.CREATED, vault.set("acc-1", binance(), "admin", AT));
    assertEquals(binance(), vault.open("acc-1").orElseThrow());
    SecretVault.Listed listed = vault.list().get(0);
    assertEquals(Map.of("apiKey", "****A1B2", "apiSecret", "****Tj0j"), listed.masked());
    assertEquals(1, listed.keyVersion());
    assertFalse(binance().toString().contains(SECRET), "toString is masked");
    assertEquals(SecretVault.SetOutcome.REPLACED,
        vault.set("acc-1", new AccountSecret(Map.of(AccountSecret.TOKEN, "flex-token-123456789")), "admin", AT.plusSeconds(1)));
    assertEquals("flex-token-123456789", vault.open("acc-1").orElseThrow().require(AccountSecret.TOKEN, "test"));
    assertTrue(vault.delete("acc-1", "admin", AT.plusSeconds(2)));
    assertFalse(vault.delete("acc-1", "admin", AT.plusSeconds(3)));
    assertTrue(vault.open("acc-1").isEmpty());
    assertEquals(List.of("secret-set", "secret-replaced", "secret-deleted"), vault.events("acc-1").stream().map(SecretVault.VaultEvent::action).toList());
    assertEquals("apiKey,apiSecret", vault.events("acc-1").get(0).fields());
  }

  @Test
  void eachSealingHasAFreshNonceAndARowMovedToAnotherAccountDoesNotOpen() {
    vault.set("acc-1", binance(), "admin", AT);
    String[] first = row("acc-1");
    vault.set("acc-1", binance(), "admin", AT);
    String[] second = row("acc-1");
    assertNotEquals(first[0], second[0], "a new nonce for the same secret");
    assertNotEquals(first[1], second[1]);
    assertEquals(SecretCipher.NONCE_BYTES, Base64.getDecoder().decode(second[0]).length);

    vault.set("acc-2", new AccountSecret(Map.of(AccountSecret.TOKEN, "other-account-token")), "admin", AT);
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE account_secrets SET nonce = ?, ciphertext = ? WHERE account_id = 'acc-2'")) {
        ps.setString(1, second[0]);
        ps.setString(2, second[1]);
        return ps.executeUpdate();
      }
    });
    VaultException e = assertThrows(VaultException.class, () -> vault.open("acc-2"));
    assertTrue(e.getMessage().contains("belongs to another account"), e.getMessage());
  }

  @Test
  void neitherTheDatabaseNorTheLogHoldsAValueInPlainText() {
    vault.set("acc-1", binance(), "admin", AT);
    vault.delete("acc-1", "admin", AT);
    vault.set("acc-1", binance(), "admin", AT);
    List<String> cells = everyCell();
    assertTrue(cells.stream().anyMatch(c -> c.contains("acc-1")), "the dump reads the tables");
    for (String cell : cells) {
      assertFalse(cell.contains(KEY) || cell.contains(SECRET), "a cell holds a secret: " + cell.length() + " chars");
      assertFalse(cell.contains(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void theKeyFileIsMadeOwnerOnlyAndRotationReSealsEverySecretWithTheNewVersion() throws Exception {
    Path file = loaded.keyFile();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    vault.set("acc-1", binance(), "admin", AT);
    vault.set("acc-2", new AccountSecret(Map.of(AccountSecret.XPUB, "xpub6CUGRUonZSQ4TWtTMmzXdrXDtypWKiKrhko4egpiMZbpiaQL2jkwSB1icqYh2cfDfVxdx4df189oLKnC5fSwqPfgyP3hooxujYzAu3fDVmz")), "admin", AT);
    assertEquals(Map.of(1, 2), vault.versionsInUse());
    MasterKeyRotation.Rotated rotated = MasterKeyRotation.rotateKeyFile(vault, file, "admin", AT.plusSeconds(5));
    assertEquals(new MasterKeyRotation.Rotated(1, 2, 2), rotated);
    assertEquals(Map.of(2, 2), vault.versionsInUse());
    assertEquals(java.util.Set.of(2), MasterKeySource.readKeyFile(file).versions(), "the old version is gone from the file");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(binance(), vault.open("acc-1").orElseThrow());
    // the next start reads the rotated file
    SecretVault restarted = new SecretVault(database, MasterKeySource.load(dir.resolve("data"), name -> null).keyring());
    assertEquals(binance(), restarted.open("acc-1").orElseThrow());
    // the old key no longer opens anything
    assertThrows(VaultException.class, () -> new SecretVault(database, loaded.keyring()).open("acc-1"));
    assertEquals(2, vault.events(null).stream().filter(e -> e.action().equals("secret-resealed")).count());
  }

  @Test
  void aKeyFromTheEnvironmentWithAPreviousVersionReSealsAtStart() throws Exception {
    byte[] k1 = MasterKeySource.newKey();
    byte[] k2 = MasterKeySource.newKey();
    String one = Base64.getEncoder().encodeToString(k1);
    MasterKeySource.Loaded env1 = MasterKeySource.load(dir, n -> n.equals(MasterKeySource.KEY_ENV) ? one : null);
    assertEquals(MasterKeySource.Kind.ENVIRONMENT, env1.kind());
    SecretVault v1 = new SecretVault(database, env1.keyring());
    v1.set("acc-1", binance(), "admin", AT);
    String both = "2:" + Base64.getEncoder().encodeToString(k2) + ",1:" + one;
    MasterKeyring ring = MasterKeySource.load(dir, n -> n.equals(MasterKeySource.KEY_ENV) ? both : null).keyring();
    assertEquals(1, new SecretVault(database, ring).reseal(ring, "server", AT));
    String only2 = "2:" + Base64.getEncoder().encodeToString(k2);
    assertEquals(binance(), new SecretVault(database, MasterKeySource.load(dir, n -> n.equals(MasterKeySource.KEY_ENV) ? only2 : null).keyring())
        .open("acc-1").orElseThrow());
  }

  @Test
  void aPassphraseIsStretchedWithArgon2idUnderASaltKeptInTheDataDirectory() throws Exception {
    Path data = dir.resolve("pp");
    MasterKeySource.Loaded a = MasterKeySource.load(data, n -> n.equals(MasterKeySource.PASSPHRASE_ENV) ? "correct horse battery staple" : null);
    assertEquals(MasterKeySource.Kind.PASSPHRASE, a.kind());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(MasterKeySource.SALT_FILE))));
    new SecretVault(database, a.keyring()).set("acc-1", binance(), "admin", AT);
    MasterKeySource.Loaded again = MasterKeySource.load(data, n -> n.equals(MasterKeySource.PASSPHRASE_ENV) ? "correct horse battery staple" : null);
    assertEquals(binance(), new SecretVault(database, again.keyring()).open("acc-1").orElseThrow());
    MasterKeySource.Loaded wrong = MasterKeySource.load(data, n -> n.equals(MasterKeySource.PASSPHRASE_ENV) ? "wrong horse" : null);
    assertThrows(VaultException.class, () -> new SecretVault(database, wrong.keyring()).open("acc-1"));
    byte[] salt = "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(MasterKeySource.derive("p", salt), MasterKeySource.derive("p", salt));
    assertFalse(java.util.Arrays.equals(MasterKeySource.derive("p", salt), MasterKeySource.derive("q", salt)));
  }

  private String[] row(String account) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT nonce, ciphertext FROM account_secrets WHERE account_id = ?")) {
        ps.setString(1, account);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new String[] {rs.getString(1), rs.getString(2)};
        }
      }
    });
  }

  /** Every cell of every table of the schema, as text. */
  private List<String> everyCell() {
    String schema = backend().schemaOf(database.settings());
    return database.inTransaction(c -> {
      List<String> tables = new ArrayList<>();
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      List<String> cells = new ArrayList<>();
      for (String table : tables) {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM \"" + table + "\""); ResultSet rs = ps.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              String v = rs.getString(i);
              if (v != null) {
                cells.add(v);
              }
            }
          }
        }
      }
      return cells;
    });
  }
}
