package dev.bulwark.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Writes a deterministic source tree of a given size for benchmarks: Java, Python, JavaScript,
 * YAML, JSON and Markdown files that use the words scanners key on ("key", "token", "password",
 * "secret", "auth") the way real code does, with a real-format secret planted every few hundred
 * files so that the scan has something to report.
 */
public final class SourceTreeGenerator {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String[] WORDS = {
    "order",
    "customer",
    "invoice",
    "payment",
    "account",
    "session",
    "request",
    "response",
    "cache",
    "config",
    "user",
    "profile",
    "message",
    "queue",
    "event",
    "report",
    "shipment",
    "product",
    "catalog",
    "price",
    "tax",
    "address",
    "audit",
    "metric",
    "schedule",
    "batch"
  };

  private final SplittableRandom random;

  public SourceTreeGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Generates files under {@code root} until {@code bytes} are written; returns the file count. */
  public int generate(Path root, long bytes) throws IOException {
    long written = 0;
    int files = 0;
    while (written < bytes) {
      Path dir =
          root.resolve(String.format(Locale.ROOT, "module-%03d/src/%s", files / 400, word()));
      Files.createDirectories(dir);
      String kind =
          switch (files % 10) {
            case 0, 1, 2, 3 -> "java";
            case 4, 5 -> "py";
            case 6, 7 -> "js";
            case 8 -> "yaml";
            default -> files % 20 == 9 ? "json" : "md";
          };
      String name = word() + "_" + files + "." + kind;
      StringBuilder sb = new StringBuilder(16_384);
      int target = 4_000 + random.nextInt(20_000);
      while (sb.length() < target) {
        switch (kind) {
          case "java" -> java(sb);
          case "py" -> python(sb);
          case "js" -> javascript(sb);
          case "yaml" -> yaml(sb);
          case "json" -> json(sb);
          default -> markdown(sb);
        }
      }
      if (files % 350 == 7) {
        sb.append(plantedSecret());
      }
      byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
        w.write(sb.toString());
      }
      written += data.length;
      files++;
    }
    return files;
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private String ident() {
    String w = word();
    return w + Character.toUpperCase(word().charAt(0)) + word().substring(1);
  }

  private String alnum(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  private void java(StringBuilder sb) {
    String id = ident();
    sb.append("  /** Looks up the ")
        .append(word())
        .append(" by its key and caches the result. */\n");
    sb.append("  public Optional<")
        .append(Character.toUpperCase(id.charAt(0)))
        .append(id.substring(1))
        .append("> find")
        .append(Character.toUpperCase(id.charAt(0)))
        .append(id.substring(1))
        .append("(String key, AuthToken token) {\n");
    sb.append("    Objects.requireNonNull(key, \"key\");\n");
    sb.append("    if (!token.isValid() || cache.containsKey(key)) {\n");
    sb.append("      return Optional.ofNullable(cache.get(key));\n    }\n");
    sb.append("    String password = credentials.passwordFor(token.subject());\n");
    sb.append("    Map<String, Object> params = Map.of(\"")
        .append(word())
        .append("Id\", key, \"limit\", ")
        .append(random.nextInt(500))
        .append(");\n");
    sb.append("    return repository.query(\"select * from ")
        .append(word())
        .append(" where id = ?\", params).stream().findFirst();\n  }\n\n");
  }

  private void python(StringBuilder sb) {
    String w = word();
    sb.append("def load_").append(w).append("(session, key: str, token=None):\n");
    sb.append("    \"\"\"Fetch the ")
        .append(w)
        .append(" for a key; the token authorises the call.\"\"\"\n");
    sb.append("    headers = {\"Authorization\": f\"Bearer {token}\"} if token else {}\n");
    sb.append("    secret = os.environ.get(\"")
        .append(w.toUpperCase(Locale.ROOT))
        .append("_SECRET\")\n");
    sb.append("    resp = session.get(f\"/api/")
        .append(w)
        .append("s/{key}\", headers=headers, timeout=")
        .append(1 + random.nextInt(30))
        .append(")\n");
    sb.append("    resp.raise_for_status()\n    return resp.json()\n\n");
  }

  private void javascript(StringBuilder sb) {
    String w = word();
    sb.append("export async function fetch")
        .append(Character.toUpperCase(w.charAt(0)))
        .append(w.substring(1))
        .append("(id, { token, apiKey } = {}) {\n");
    sb.append("  const res = await fetch(`/api/")
        .append(w)
        .append(
            "/${id}`, { headers: { 'x-api-key': apiKey, authorization: `Bearer ${token}` } });\n");
    sb.append("  if (!res.ok) throw new Error(`").append(w).append(" ${id}: ${res.status}`);\n");
    sb.append("  const data = await res.json(); const key = data.")
        .append(word())
        .append("Key ?? '")
        .append(alnum(8))
        .append("';\n  return { ...data, key };\n}\n\n");
  }

  private void yaml(StringBuilder sb) {
    String w = word();
    sb.append(w)
        .append(":\n  enabled: true\n  endpoint: https://")
        .append(w)
        .append(".internal/api\n");
    sb.append("  timeout-seconds: ").append(random.nextInt(120)).append('\n');
    sb.append("  password: ${").append(w.toUpperCase(Locale.ROOT)).append("_PASSWORD}\n");
    sb.append("  token-header: X-")
        .append(Character.toUpperCase(w.charAt(0)))
        .append(w.substring(1))
        .append("-Token\n");
    sb.append("  cache-key-prefix: ")
        .append(w)
        .append(":v")
        .append(random.nextInt(9))
        .append("\n\n");
  }

  private void json(StringBuilder sb) {
    sb.append("{\"id\": \"")
        .append(alnum(12))
        .append("\", \"type\": \"")
        .append(word())
        .append("\", \"key\": \"")
        .append(word())
        .append('-')
        .append(random.nextInt(10_000))
        .append("\", \"sha\": \"")
        .append(alnum(40).toLowerCase(Locale.ROOT))
        .append("\", \"count\": ")
        .append(random.nextInt(1000))
        .append("}\n");
  }

  private void markdown(StringBuilder sb) {
    String w = word();
    sb.append("## ")
        .append(Character.toUpperCase(w.charAt(0)))
        .append(w.substring(1))
        .append(" API\n\n");
    sb.append(
        "Send the API key in the `X-Api-Key` header and a bearer token in `Authorization`.\n");
    sb.append("Passwords are never logged; rotate the signing secret every ")
        .append(30 + random.nextInt(60))
        .append(" days.\n\n```bash\ncurl -H \"X-Api-Key: $API_KEY\" https://example.invalid/")
        .append(w)
        .append("\n```\n\n");
  }

  private String plantedSecret() {
    String body = alnum(30);
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    StringBuilder check = new StringBuilder();
    while (v > 0) {
      check.insert(0, B62.charAt((int) (v % 62)));
      v /= 62;
    }
    while (check.length() < 6) {
      check.insert(0, '0');
    }
    return "\n// deploy token left behind\nString deployToken = \"ghp_" + body + check + "\";\n";
  }
}
