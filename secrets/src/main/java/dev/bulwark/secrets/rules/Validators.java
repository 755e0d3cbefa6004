package dev.bulwark.secrets.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The validators rule packs can name in {@code validate:}. Each one checks structure that a real
 * secret has and a look-alike usually lacks: checksums (GitHub, npm, age), decodable bodies (PEM,
 * PKCS#12, JWT), or, for generic rules, an assignment whose key really names a credential.
 */
public final class Validators {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Validators() {}

  /** Resolves a validator spec such as {@code github-crc32} or {@code base64-length:64}. */
  public static Validator named(String spec) {
    String name = spec;
    String arg = null;
    int colon = spec.indexOf(':');
    if (colon > 0) {
      name = spec.substring(0, colon);
      arg = spec.substring(colon + 1);
    }
    return switch (name) {
      case "github-crc32", "npm-crc32" -> c -> base62Crc32(c.secret()) ? null : "checksum mismatch";
      case "jwt" -> Validators::jwt;
      case "pem" -> Validators::pem;
      case "base64-pem" -> Validators::base64Pem;
      case "pkcs12-base64" -> Validators::pkcs12;
      case "base64-length" -> {
        int n = Integer.parseInt(arg);
        yield c -> decodedLength(c.secret()) == n ? null : "decoded length is not " + n;
      }
      case "basic-auth-base64" -> Validators::basicAuth;
      case "bech32" -> c -> bech32(c.secret()) ? null : "bech32 checksum mismatch";
      case "assignment" -> Validators::assignment;
      case "password-assignment" -> Validators::passwordAssignment;
      case "url-credentials" -> Validators::urlCredentials;
      case "openssh" -> Validators::openssh;
      default -> throw new IllegalArgumentException("unknown validator '" + spec + "'");
    };
  }

  // ---- checksums ----

  /** GitHub and npm tokens: prefix_, 30 random base62 characters, 6 base62 of their CRC32. */
  static boolean base62Crc32(String token) {
    int us = token.lastIndexOf('_');
    String body = token.substring(us + 1);
    if (body.length() != 36) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(body.substring(0, 30).getBytes(StandardCharsets.US_ASCII));
    return base62(crc.getValue(), 6).equals(body.substring(30));
  }

  static String base62(long value, int width) {
    StringBuilder sb = new StringBuilder();
    long v = value;
    while (v > 0) {
      sb.append(BASE62.charAt((int) (v % 62)));
      v /= 62;
    }
    while (sb.length() < width) {
      sb.append('0');
    }
    return sb.reverse().toString();
  }

  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  /** Bech32 checksum (BIP-173), as age secret keys use it. */
  static boolean bech32(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      return false;
    }
    String hrp = lower.substring(0, sep);
    int[] values = new int[hrp.length() * 2 + 1 + lower.length() - sep - 1];
    int i = 0;
    for (char c : hrp.toCharArray()) {
      values[i++] = c >> 5;
    }
    values[i++] = 0;
    for (char c : hrp.toCharArray()) {
      values[i++] = c & 31;
    }
    for (char c : lower.substring(sep + 1).toCharArray()) {
      int v = BECH32.indexOf(c);
      if (v < 0) {
        return false;
      }
      values[i++] = v;
    }
    int chk = 1;
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int g = 0; g < 5; g++) {
        if (((top >>> g) & 1) != 0) {
          chk ^= gen[g];
        }
      }
    }
    return chk == 1;
  }

  // ---- decodable bodies ----

  private static byte[] decodeBase64(String text) {
    String t = text.replace("\\n", "").replace("\\r", "").replaceAll("\\s", "");
    try {
      if (t.indexOf('-') >= 0 || t.indexOf('_') >= 0) {
        return Base64.getUrlDecoder().decode(stripPadding(t));
      }
      return Base64.getDecoder().decode(padded(t));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String stripPadding(String t) {
    int end = t.length();
    while (end > 0 && t.charAt(end - 1) == '=') {
      end--;
    }
    return t.substring(0, end);
  }

  private static String padded(String t) {
    String s = stripPadding(t);
    int rem = s.length() % 4;
    return rem == 0 ? s : rem == 1 ? s.substring(0, s.length() - 1) : s + "=".repeat(4 - rem);
  }

  static int decodedLength(String text) {
    byte[] b = decodeBase64(text);
    return b == null ? -1 : b.length;
  }

  private static String jwt(Validator.Candidate c) {
    String[] parts = c.secret().split("\\.");
    if (parts.length != 3) {
      return "not three dot-separated parts";
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(stripPadding(parts[0])));
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(stripPadding(parts[1])));
      if (header == null || !header.isObject() || !header.hasNonNull("alg")) {
        return "header has no alg";
      }
      if (payload == null || !payload.isObject()) {
        return "payload is not a JSON object";
      }
      if ("none".equalsIgnoreCase(header.get("alg").asText())) {
        return "unsigned token";
      }
      if ("anon".equals(payload.path("role").asText())) {
        return "public anonymous key";
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return "not a decodable JWT";
    }
  }

  private static final java.util.regex.Pattern PEM =
      java.util.regex.Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", java.util.regex.Pattern.DOTALL);

  private static String pem(Validator.Candidate c) {
    java.util.regex.Matcher m = PEM.matcher(c.secret());
    if (!m.find()) {
      return "no complete PEM block";
    }
    String type = m.group(1);
    StringBuilder body = new StringBuilder();
    for (String line : m.group(2).replace("\\r\\n", "\n").replace("\\n", "\n").split("\n")) {
      String l = line.strip().replace("\"", "").replace(",", "");
      if (l.isEmpty() || l.contains(":")) {
        if (l.contains("ENCRYPTED")) {
          return "encrypted key (reported by private-key-encrypted)";
        }
        continue;
      }
      if (type.contains("PGP") && l.startsWith("=")) {
        continue;
      }
      body.append(l);
    }
    byte[] der = decodeBase64(body.toString());
    if (der == null || der.length < 32) {
      return "body is not a base64 key";
    }
    if (type.equals("OPENSSH PRIVATE KEY")) {
      return new String(der, 0, 14, StandardCharsets.ISO_8859_1).equals("openssh-key-v1")
          ? null
          : "not an OpenSSH key";
    }
    if (type.contains("PGP")) {
      return null;
    }
    return derComplete(der) ? null : "body is not a complete DER structure";
  }

  /**
   * True when the bytes are exactly one DER SEQUENCE: tag, length, and that many bytes. Made-up or
   * truncated bodies in documentation fail this.
   */
  static boolean derComplete(byte[] der) {
    if (der.length < 8 || (der[0] & 0xff) != 0x30) {
      return false;
    }
    int first = der[1] & 0xff;
    long length;
    int header;
    if (first < 0x80) {
      length = first;
      header = 2;
    } else {
      int n = first & 0x7f;
      if (n < 1 || n > 3 || der.length < 2 + n) {
        return false;
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (der[2 + i] & 0xff);
      }
      header = 2 + n;
    }
    return header + length == der.length;
  }

  private static String openssh(Validator.Candidate c) {
    return pem(c);
  }

  private static String base64Pem(Validator.Candidate c) {
    byte[] b = decodeBase64(c.secret());
    if (b == null) {
      return "not base64";
    }
    String text = new String(b, StandardCharsets.UTF_8);
    return text.contains("PRIVATE KEY") ? pem(new Validator.Candidate(text, text, null)) : "no key";
  }

  private static String pkcs12(Validator.Candidate c) {
    byte[] b = decodeBase64(c.secret());
    if (b == null || b.length < 32 || (b[0] & 0xff) != 0x30) {
      return "not DER";
    }
    int lenBytes = (b[1] & 0xff) > 0x80 ? (b[1] & 0x7f) : 0;
    int p = 2 + lenBytes;
    return p + 2 < b.length && b[p] == 0x02 && b[p + 1] == 0x01 && b[p + 2] == 0x03
        ? null
        : "not a PKCS#12 structure";
  }

  private static String basicAuth(Validator.Candidate c) {
    byte[] b = decodeBase64(c.secret());
    if (b == null) {
      return "not base64";
    }
    String text = new String(b, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 1 || colon == text.length() - 1) {
      return "not user:password";
    }
    for (char ch : text.toCharArray()) {
      if (ch < 0x20 || ch == 0xfffd) {
        return "not printable";
      }
    }
    String password = text.substring(colon + 1);
    return Placeholders.isPlaceholder(password) || Placeholders.isPlaceholderWord(password)
        ? "placeholder password"
        : null;
  }

  // ---- generic assignments ----

  private static final Set<String> CREDENTIAL_WORDS =
      Set.of(
          "password",
          "passwd",
          "passwrd",
          "pwd",
          "pass",
          "passphrase",
          "passcode",
          "secret",
          "token",
          "apikey",
          "credential",
          "credentials",
          "auth",
          "pw");
  private static final Set<String> KEY_QUALIFIERS =
      Set.of(
          "api",
          "secret",
          "access",
          "private",
          "signing",
          "encryption",
          "master",
          "app",
          "auth",
          "client",
          "license",
          "webhook",
          "service",
          "admin",
          "write",
          "consumer",
          "sdk",
          "server",
          "account",
          "subscription",
          "hmac",
          "jwt",
          "session",
          "crypt",
          "cipher",
          "aes",
          "shared");
  private static final Set<String> TRAILING_QUALIFIERS =
      Set.of(
          "value",
          "str",
          "string",
          "b64",
          "base64",
          "hex",
          "raw",
          "prod",
          "production",
          "live",
          "dev",
          "staging",
          "stage",
          "default",
          "v1",
          "v2",
          "new",
          "old",
          "enc",
          "plain");
  private static final Set<String> NON_CREDENTIAL_WORDS =
      Set.of(
          "public",
          "publishable",
          "pub",
          "site",
          "hash",
          "hashed",
          "sha",
          "sha1",
          "sha256",
          "md5",
          "checksum",
          "digest",
          "cache",
          "length",
          "len",
          "min",
          "max",
          "count",
          "label",
          "hint",
          "placeholder",
          "prompt",
          "field",
          "regex",
          "pattern",
          "policy",
          "format",
          "type",
          "name",
          "path",
          "file",
          "url",
          "uri",
          "endpoint",
          "header",
          "param",
          "question",
          "expiry",
          "expires",
          "expiration",
          "ttl",
          "timeout",
          "version",
          "mode",
          "strategy",
          "provider",
          "enabled",
          "required",
          "validator",
          "encoder",
          "algorithm",
          "algo",
          "id",
          "ref",
          "env",
          "var",
          "variable",
          "location",
          "prefix",
          "suffix",
          "description",
          "title",
          "message",
          "msg",
          "error",
          "text",
          "confirm",
          "confirmation",
          "input",
          "column",
          "col",
          "attribute",
          "attr",
          "salt",
          "iterations",
          "rounds",
          "size",
          "bits",
          "limit",
          "lifetime",
          "duration",
          "generator",
          "class",
          "method",
          "dir",
          "directory",
          "arn",
          "secretsmanager",
          "kind",
          "ssm",
          "doc",
          "docs",
          "example",
          "sample",
          "separator",
          "delimiter",
          "char",
          "chars",
          "encoding",
          "scheme",
          "index",
          "idx",
          "key_id",
          "keyid",
          "kid",
          "old_password",
          "strength",
          "complexity",
          // verbs: a call that checks, looks up or derives a credential does not hold one
          "get",
          "has",
          "is",
          "find",
          "load",
          "read",
          "fetch",
          "lookup",
          "remove",
          "delete",
          "validate",
          "verify",
          "check",
          "parse",
          "encode",
          "decode",
          "generate",
          "create",
          "compare",
          "matches",
          "mask",
          "sanitize",
          "invalid",
          "wrong",
          "bad",
          "incorrect",
          "missing",
          "forgot",
          "forgotten",
          "show",
          "toggle",
          "display",
          "render",
          "i18n",
          "t");

  /** Splits an assignment key into lower-case words: camelCase, snake_case, dots and dashes. */
  static List<String> words(String key) {
    String spaced =
        key.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
            .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
            .replaceAll("[^A-Za-z0-9]+", " ")
            .toLowerCase(Locale.ROOT)
            .strip();
    return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
  }

  /** Whether an assignment key names a credential: its last meaningful word is one. */
  static boolean namesCredential(String key) {
    List<String> w = words(key);
    int end = w.size();
    while (end > 0
        && (TRAILING_QUALIFIERS.contains(w.get(end - 1)) || w.get(end - 1).matches("\\d+"))) {
      end--;
    }
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      if (NON_CREDENTIAL_WORDS.contains(w.get(i))) {
        return false;
      }
    }
    String last = w.get(end - 1);
    if (CREDENTIAL_WORDS.contains(last)) {
      return true;
    }
    if (last.equals("key") || last.equals("keys")) {
      return end >= 2 && KEY_QUALIFIERS.contains(w.get(end - 2));
    }
    return last.endsWith("password")
        || last.endsWith("secret")
        || last.endsWith("token")
        || last.endsWith("apikey")
        || last.endsWith("passwd");
  }

  private static String referenceProblem(String value) {
    String v = value.strip();
    if (v.matches("%[A-Za-z_][A-Za-z0-9_]*%.*") || v.startsWith("%(")) {
      return "value refers to an environment variable";
    }
    if (v.startsWith("$")
        || v.startsWith("{")
        || v.startsWith("#{")
        || v.startsWith("@")
        || v.startsWith("<")
        || v.startsWith("env:")
        || v.startsWith("ENV[")
        || v.startsWith("vault:")
        || v.startsWith("secret:")
        || v.startsWith("ref+")
        || v.startsWith("arn:")
        || v.startsWith("projects/")
        || v.startsWith("sm://")
        || v.startsWith("op://")
        || v.startsWith("azurekeyvault")
        || v.contains("://")
        || v.startsWith("file:")
        || v.startsWith("classpath:")) {
      return "value refers to another source";
    }
    if (v.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_.]*") && !v.matches(".*\\d.*")) {
      return "value is a dotted identifier";
    }
    if (v.matches("[A-Z][A-Z0-9_]+") && v.contains("_")) {
      return "value is a constant name";
    }
    return null;
  }

  private static String assignment(Validator.Candidate c) {
    if (c.key() == null || !namesCredential(c.key())) {
      return "key does not name a credential";
    }
    String v = c.secret();
    String ref = referenceProblem(v);
    if (ref != null) {
      return ref;
    }
    if (Placeholders.isPlaceholderWord(v)) {
      return "placeholder value";
    }
    boolean digit = false;
    boolean letter = false;
    for (char ch : v.toCharArray()) {
      digit |= Character.isDigit(ch);
      letter |= Character.isLetter(ch);
    }
    if (!(digit && letter)) {
      return "value lacks both letters and digits";
    }
    if (v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
        && words(c.key()).contains("id")) {
      return "identifier, not a secret";
    }
    if (v.matches("\\d+(\\.\\d+)*")) {
      return "a number or version";
    }
    if (v.matches("(?:[A-Za-z0-9_-]+/)+[A-Za-z0-9_.-]+\\.[a-z]{1,5}")) {
      return "a file path";
    }
    return null;
  }

  private static String passwordAssignment(Validator.Candidate c) {
    if (c.key() == null || !namesCredential(c.key())) {
      return "key does not name a credential";
    }
    String v = c.secret();
    String ref = referenceProblem(v);
    if (ref != null) {
      return ref;
    }
    if (Placeholders.isPlaceholderWord(v) || Placeholders.isPlaceholder(v)) {
      return "placeholder value";
    }
    String k = c.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String lv = v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (lv.equals(k) || k.endsWith(lv) || lv.isEmpty()) {
      return "value repeats the key";
    }
    if (v.matches("(?i)true|false|null|nil|none|yes|no|on|off|required|optional|\\d{1,3}")) {
      return "a flag or small number, not a password";
    }
    if (v.matches("[a-z]+(?:[A-Z][a-z]+)+") || v.matches("[a-z]+_[a-z_]+")) {
      return "value looks like an identifier";
    }
    if (v.matches("\\*+|•+|x+|X+")) {
      return "masked value";
    }
    return null;
  }

  private static String urlCredentials(Validator.Candidate c) {
    String m = c.matched();
    int scheme = m.indexOf("://");
    int at = m.indexOf('@', scheme + 3);
    if (scheme < 0 || at < 0) {
      return "no credentials in URL";
    }
    String userinfo = m.substring(scheme + 3, at);
    int colon = userinfo.indexOf(':');
    String user = colon < 0 ? userinfo : userinfo.substring(0, colon);
    String password = c.secret();
    if (password.equals(user)) {
      return "password equals user name";
    }
    if (Placeholders.isPlaceholder(password) || Placeholders.isPlaceholderWord(password)) {
      return "placeholder password";
    }
    if (referenceProblem(password) != null) {
      return "password refers to another source";
    }
    String host = m.substring(at + 1).replaceAll("[:/?#].*$", "").toLowerCase(Locale.ROOT);
    if (host.endsWith("example.com")
        || host.endsWith("example.org")
        || host.endsWith("example.net")
        || host.equals("host")
        || host.equals("hostname")
        || host.equals("server")
        || host.startsWith("your")
        || host.equals("domain")
        || host.endsWith(".example")) {
      return "documentation host";
    }
    return null;
  }
}
