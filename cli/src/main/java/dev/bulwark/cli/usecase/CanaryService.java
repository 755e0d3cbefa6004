package dev.bulwark.cli.usecase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.deception.canary.Canaries;
import dev.bulwark.deception.canary.Canary;
import dev.bulwark.deception.canary.CanaryKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Canary tokens: make one of a kind and register it; list the registry. */
public final class CanaryService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CanaryService() {}

  /** Registers a made token somewhere else before it is kept locally (the team server). */
  @FunctionalInterface
  public interface Registrar {
    void register(Canaries.Made made) throws InputException, InterruptedException;
  }

  /**
   * Makes a token of {@code kind}, has {@code elsewhere} register it (the team server), and only
   * then adds it to the local registry, so a token the server refused is not kept as if it were
   * known there.
   */
  public static Canary create(
      Path data, String kind, String baseUrl, String domain, String memo, Registrar elsewhere)
      throws InputException, IOException, InterruptedException {
    CanaryKind k;
    try {
      k = CanaryKind.of(kind);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    if (memo != null && memo.length() > 500) {
      throw new InputException("--memo: at most 500 characters");
    }
    Canaries canaries = new Canaries(data);
    Canaries.Made m = canaries.make(k, baseUrl, domain, memo);
    elsewhere.register(m);
    canaries.register(m);
    return m.canary();
  }

  /** The registration the team server takes ({@code POST /api/canary-tokens}). */
  public static byte[] registration(Canaries.Made m, String project) {
    Canary c = m.canary();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id())
        .put("kind", c.kind().id())
        .put("created", c.created().toString())
        .put("memo", c.memo())
        .put("callback", c.callback());
    if (project != null) {
      n.put("project", project);
    }
    ArrayNode h = n.putArray("secrets");
    m.secretHashes().forEach(h::add);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static List<Canary> list(Path data) throws IOException {
    return new Canaries(data).list();
  }
}
