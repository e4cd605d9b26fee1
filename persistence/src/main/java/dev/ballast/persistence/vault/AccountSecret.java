package dev.ballast.persistence.vault;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials of one account as the venue needs them (an API key and secret, a passphrase, a
 * token, an extended public key), by field name. Its {@code toString} shows masked values only, so
 * a stray log line cannot leak one.
 */
public final class AccountSecret {
  public static final String API_KEY = "apiKey";
  public static final String API_SECRET = "apiSecret";
  public static final String PASSPHRASE = "passphrase";
  public static final String TOKEN = "token";
  public static final String XPUB = "xpub";
  /** The fields a secret may hold. */
  public static final Set<String> FIELDS = Set.of(API_KEY, API_SECRET, PASSPHRASE, TOKEN, XPUB);
  /** The longest value taken (a PEM-encoded EC private key of a Coinbase CDP key fits). */
  public static final int MAX_VALUE_LENGTH = 4096;

  private final Map<String, String> fields;

  public AccountSecret(Map<String, String> fields) {
    // sorted by name: the same secret always encodes and lists the same way
    java.util.TreeMap<String, String> copy = new java.util.TreeMap<>();
    fields.forEach((name, value) -> {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown secret field " + name + "; the fields are " + new java.util.TreeSet<>(FIELDS));
      }
      if (value == null || value.isEmpty()) {
        return;
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException("secret field " + name + " is longer than " + MAX_VALUE_LENGTH + " characters");
      }
      copy.put(name, value);
    });
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a secret needs at least one of " + new java.util.TreeSet<>(FIELDS));
    }
    this.fields = Collections.unmodifiableMap(copy);
  }

  public Optional<String> get(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  public String require(String field, String forWhat) {
    String value = fields.get(field);
    if (value == null) {
      throw new VaultException(forWhat + " needs the secret field " + field + ", which is not set");
    }
    return value;
  }

  public Set<String> names() {
    return fields.keySet();
  }

  /** Every field masked: its last four characters, or nothing of a value shorter than eight. */
  public Map<String, String> masked() {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((name, value) -> out.put(name, mask(value)));
    return out;
  }

  public static String mask(String value) {
    return value.length() < 8 ? "****" : "****" + value.substring(value.length() - 4);
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(fields.size());
      for (Map.Entry<String, String> e : fields.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static AccountSecret decode(byte[] plain) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      int n = in.readInt();
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        fields.put(in.readUTF(), in.readUTF());
      }
      return new AccountSecret(fields);
    } catch (IOException | IllegalArgumentException e) {
      throw new VaultException("an opened secret is not in the vault's form: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountSecret other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "AccountSecret" + masked();
  }
}
