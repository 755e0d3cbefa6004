package dev.bulwark.deception.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.canary.CanaryRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes canary tokens and keeps their registry ({@code canaries.jsonl} in the data directory, one
 * JSON object per token). Every token embeds its id so a call-back, a DNS lookup or a log line that
 * carries it names the token. Documents reference the call-back URL as an external resource that
 * office and PDF readers fetch when the file is opened; nothing here contacts the network.
 */
public final class Canaries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final Path dir;

  public Canaries(Path dataDir) {
    this.dir = dataDir;
  }

  public Path registry() {
    return dir.resolve("canaries.jsonl");
  }

  static String newId() {
    StringBuilder b = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      b.append(BASE32[RANDOM.nextInt(32)]);
    }
    return b.toString();
  }

  /**
   * A token made but not yet registered, with the SHA-256 of each secret value it planted (what a
   * registry keeps to recognise it, never the value).
   */
  public record Made(Canary canary, List<String> secretHashes) {
    public Made {
      secretHashes = List.copyOf(secretHashes);
    }
  }

  /**
   * Makes a token and adds it to the registry. {@code baseUrl} is where {@code bulwark serve}
   * answers (for example {@code https://bulwark.example.org}); {@code domain} the zone its DNS
   * responder is authoritative for.
   */
  public Canary create(CanaryKind kind, String baseUrl, String domain, String memo)
      throws IOException {
    Made m = make(kind, baseUrl, domain, memo);
    register(m);
    return m.canary();
  }

  /**
   * Makes a token without registering it (documents are written beside the registry), so a caller
   * can register it elsewhere first and keep it here only once that succeeded.
   */
  public Made make(CanaryKind kind, String baseUrl, String domain, String memo) throws IOException {
    String id = newId();
    String url = baseUrl.replaceAll("/+$", "") + "/c/" + id;
    String host = id + "." + domain;
    String planted;
    String callback = url;
    List<String> secrets = new ArrayList<>();
    switch (kind) {
      case AWS_KEY -> {
        String keyId =
            "AKIA"
                + id.substring(0, 16).toUpperCase(Locale.ROOT).replace('0', 'Q').replace('1', 'R');
        String key = secret(40);
        secrets.add(keyId);
        secrets.add(key);
        planted =
            "[default]\naws_access_key_id = "
                + keyId
                + "\naws_secret_access_key = "
                + key
                + "\nregion = us-east-1\n";
        callback = "aws:" + keyId;
      }
      case API_TOKEN -> {
        String token = secret(40);
        secrets.add(token);
        planted = "api_base_url = " + url + "\napi_token = " + token + "\n";
      }
      case URL -> planted = url + "\n";
      case DNS -> {
        planted = host + "\n";
        callback = "dns:" + host;
      }
      case DB_CONN -> {
        String password = secret(20);
        String conn = "postgresql://app_admin:" + password + "@" + host + ":5432/production";
        secrets.add(password);
        secrets.add(conn);
        planted = "DATABASE_URL=" + conn + "\n";
        callback = "dns:" + host;
      }
      case DOCX -> planted = write(id + ".docx", docx(url));
      case PDF -> planted = write(id + ".pdf", pdf(url));
      default -> throw new IllegalStateException("no maker for " + kind);
    }
    Canary c =
        new Canary(
            id,
            kind,
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            memo == null ? "" : memo,
            callback,
            planted);
    return new Made(c, secrets.stream().map(CanaryRegistry::sha256).toList());
  }

  private String write(String name, byte[] content) throws IOException {
    Files.createDirectories(dir.resolve("canaries"));
    Path f = dir.resolve("canaries").resolve(name);
    Files.write(f, content);
    return f.toString();
  }

  private static String secret(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /**
   * Adds a token to the registry with the SHA-256 of each secret value it planted, which is how
   * Bulwark's secrets scanner tells its own canaries from leaks (core's CanaryRegistry reads them).
   */
  public void register(Made m) throws IOException {
    Canary c = m.canary();
    Files.createDirectories(dir);
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id());
    n.put("kind", c.kind().id());
    n.put("created", c.created().toString());
    n.put("memo", c.memo());
    n.put("callback", c.callback());
    n.put("planted", c.kind() == CanaryKind.DOCX || c.kind() == CanaryKind.PDF ? c.planted() : "");
    ArrayNode hashes = n.putArray("secrets");
    m.secretHashes().forEach(hashes::add);
    Files.writeString(
        registry(),
        n + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** The registered tokens, oldest first; a malformed line is an error naming the line. */
  public List<Canary> list() throws IOException {
    List<Canary> out = new ArrayList<>();
    if (!Files.exists(registry())) {
      return out;
    }
    int no = 0;
    for (String l : Files.readAllLines(registry())) {
      no++;
      if (l.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(l);
        out.add(
            new Canary(
                n.get("id").asText(),
                CanaryKind.of(n.get("kind").asText()),
                Instant.parse(n.get("created").asText()),
                n.path("memo").asText(),
                n.path("callback").asText(),
                n.path("planted").asText()));
      } catch (RuntimeException | IOException e) {
        throw new IOException(
            registry() + ":" + no + ": not a canary record: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** A minimal Word document whose header image is the call-back URL (fetched on opening). */
  static byte[] docx(String url) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      entry(
          z,
          "[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
      entry(
          z,
          "_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
      entry(
          z,
          "word/_rels/document.xml.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\""
              + xml(url)
              + "\" TargetMode=\"External\"/></Relationships>");
      entry(
          z,
          "word/document.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body><w:p><w:r><w:pict><v:shape style=\"width:1pt;height:1pt\"><v:imagedata r:id=\"rId9\"/></v:shape></w:pict></w:r></w:p><w:p><w:r><w:t>Salaries 2026 - confidential</w:t></w:r></w:p></w:body></w:document>");
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream z, String name, String text) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(text.getBytes(StandardCharsets.UTF_8));
    z.closeEntry();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  /** A one-page PDF whose open action is a URI action to the call-back URL. */
  static byte[] pdf(String url) {
    String u = url.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    List<String> objects =
        List.of(
            "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (" + u + ") >> >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    StringBuilder b = new StringBuilder("%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(b.length());
      b.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int xref = b.length();
    b.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
    for (int o : offsets) {
      b.append(String.format(Locale.ROOT, "%010d 00000 n \n", o));
    }
    b.append("trailer\n<< /Size ")
        .append(objects.size() + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
