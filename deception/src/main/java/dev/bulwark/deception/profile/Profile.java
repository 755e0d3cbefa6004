package dev.bulwark.deception.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The host a honeypot pretends to be: its SSH algorithm lists as that host's sshd sends them, the
 * facts its shell answers with, and the files of its fake file system. A profile is data (a YAML
 * file and the file contents beside it, read from the class path only), so emulating another
 * release is a new directory, not code.
 */
public record Profile(
    String name,
    String description,
    String hostname,
    SshAlgorithms ssh,
    ShellFacts shell,
    List<String> dirs,
    Map<String, byte[]> files) {

  /** Profiles shipped with Bulwark. */
  public static final List<String> BUILT_IN = List.of("debian-12");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Bounds what one profile file may hold, so a broken resource cannot exhaust memory. */
  private static final int MAX_FILE = 1 << 20;

  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ssh, "ssh");
    Objects.requireNonNull(shell, "shell");
    dirs = List.copyOf(dirs);
    files = Map.copyOf(files);
  }

  /** The SSH identification string and KEXINIT lists, in the order the real sshd sends them. */
  public record SshAlgorithms(
      String identification,
      List<String> kex,
      List<String> hostKey,
      List<String> ciphers,
      List<String> macs,
      List<String> compression) {
    public SshAlgorithms {
      if (identification == null || !identification.startsWith("SSH-2.0-")) {
        throw new IllegalArgumentException(
            "identification must start with SSH-2.0-: " + identification);
      }
      kex = List.copyOf(kex);
      hostKey = List.copyOf(hostKey);
      ciphers = List.copyOf(ciphers);
      macs = List.copyOf(macs);
      compression = List.copyOf(compression);
    }

    /** The software version after "SSH-2.0-", as MINA wants it. */
    public String softwareVersion() {
      return identification.substring("SSH-2.0-".length());
    }
  }

  /** What uname, ps and the log-in message say. */
  public record ShellFacts(
      String kernelName,
      String kernelRelease,
      String kernelVersion,
      String machine,
      String operatingSystem,
      String motd,
      String ps,
      List<String> silent) {
    public ShellFacts {
      silent = List.copyOf(silent);
    }
  }

  /** Loads a built-in profile by name. */
  public static Profile builtIn(String name) throws ProfileException {
    if (!BUILT_IN.contains(name)) {
      throw new ProfileException(
          "unknown honeypot profile '" + name + "' (known: " + String.join(", ", BUILT_IN) + ")");
    }
    String base = "/dev/bulwark/deception/profiles/" + name + "/";
    JsonNode root;
    try (InputStream in = resource(base + "profile.yaml")) {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new ProfileException(base + "profile.yaml: " + e.getMessage(), e);
    }
    String where = "profile " + name;
    JsonNode ssh = required(root, "ssh", where);
    SshAlgorithms algorithms =
        new SshAlgorithms(
            text(ssh, "identification", where),
            list(ssh, "kex", where),
            list(ssh, "host-key", where),
            list(ssh, "ciphers", where),
            list(ssh, "macs", where),
            list(ssh, "compression", where));
    JsonNode sh = required(root, "shell", where);
    String ps =
        new String(read(base + text(sh, "ps", where)), java.nio.charset.StandardCharsets.UTF_8);
    ShellFacts facts =
        new ShellFacts(
            text(sh, "kernel-name", where),
            text(sh, "kernel-release", where),
            text(sh, "kernel-version", where),
            text(sh, "machine", where),
            text(sh, "operating-system", where),
            text(sh, "motd", where),
            ps,
            list(sh, "silent", where));
    Map<String, byte[]> files = new LinkedHashMap<>();
    JsonNode f = required(root, "files", where);
    for (Map.Entry<String, JsonNode> e : f.properties()) {
      files.put(e.getKey(), read(base + e.getValue().asText()));
    }
    return new Profile(
        name,
        text(root, "description", where),
        text(root, "hostname", where),
        algorithms,
        facts,
        list(root, "dirs", where),
        files);
  }

  private static InputStream resource(String path) throws ProfileException {
    InputStream in = Profile.class.getResourceAsStream(path);
    if (in == null) {
      throw new ProfileException("missing profile resource " + path);
    }
    return in;
  }

  private static byte[] read(String path) throws ProfileException {
    try (InputStream in = resource(path)) {
      byte[] b = in.readNBytes(MAX_FILE + 1);
      if (b.length > MAX_FILE) {
        throw new ProfileException(path + ": larger than " + MAX_FILE + " bytes");
      }
      return b;
    } catch (IOException e) {
      throw new ProfileException(path + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode n, String field, String where) throws ProfileException {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      throw new ProfileException(where + ": missing '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String field, String where) throws ProfileException {
    return required(n, field, where).asText();
  }

  private static List<String> list(JsonNode n, String field, String where) throws ProfileException {
    JsonNode v = required(n, field, where);
    if (!v.isArray()) {
      throw new ProfileException(where + ": '" + field + "' must be a list");
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }
}
