package dev.bulwark.hygiene.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.hygiene.check.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check-up's memory in {@code DATA_DIR/checkup}: {@code history.jsonl} (one line per run:
 * statuses and progress), {@code answers.json} (the questionnaire) and {@code passwords.json}
 * (counts of the last password audit). Nothing secret is written: no evidence text, no site names,
 * no passwords.
 */
public final class CheckupStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HISTORY = 1000;

  private final Path dir;

  public CheckupStore(Path dataDir) {
    this.dir = dataDir.resolve("checkup");
  }

  public Path dir() {
    return dir;
  }

  public List<RunRecord> history() throws InputException {
    Path f = dir.resolve("history.jsonl");
    List<RunRecord> out = new ArrayList<>();
    if (!Files.isRegularFile(f)) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = Math.max(0, lines.size() - MAX_HISTORY); i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(lines.get(i));
        Map<String, Status> st = new LinkedHashMap<>();
        n.path("statuses")
            .properties()
            .forEach(e -> st.put(e.getKey(), Status.valueOf(e.getValue().asText())));
        out.add(
            new RunRecord(
                Instant.parse(n.path("time").asText()),
                n.path("profile").asText(),
                n.path("progress").asInt(),
                st));
      }
    } catch (IOException | RuntimeException e) {
      throw new InputException(f + ": damaged check-up history: " + e.getMessage());
    }
    return out;
  }

  public void append(RunRecord r) throws InputException {
    ObjectNode n = JSON.createObjectNode();
    n.put("time", r.time().toString());
    n.put("profile", r.profile());
    n.put("progress", r.progress());
    ObjectNode st = n.putObject("statuses");
    r.statuses().forEach((k, v) -> st.put(k, v.name()));
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("history.jsonl"),
          JSON.writeValueAsString(n) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new InputException(dir.resolve("history.jsonl") + ": cannot write: " + e.getMessage());
    }
  }

  public Map<String, Boolean> answers() throws InputException {
    Path f = dir.resolve("answers.json");
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(f)) {
      return out;
    }
    try {
      JSON.readTree(f.toFile())
          .properties()
          .forEach(e -> out.put(e.getKey(), e.getValue().asBoolean()));
    } catch (IOException e) {
      throw new InputException(f + ": damaged answers file: " + e.getMessage());
    }
    return out;
  }

  public void answer(String checkId, boolean yes) throws InputException {
    Map<String, Boolean> a = answers();
    a.put(checkId, yes);
    ObjectNode n = JSON.createObjectNode();
    a.forEach(n::put);
    write("answers.json", n);
  }

  public Optional<PasswordSummary> passwords() throws InputException {
    Path f = dir.resolve("passwords.json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      return Optional.of(
          new PasswordSummary(
              Instant.parse(n.path("time").asText()),
              n.path("accounts").asInt(),
              n.path("weak").asInt(),
              n.path("reused").asInt(),
              n.path("breached").asInt(),
              n.path("old").asInt(),
              n.path("breachChecked").asBoolean()));
    } catch (IOException | RuntimeException e) {
      throw new InputException(f + ": damaged password summary: " + e.getMessage());
    }
  }

  public void passwords(PasswordSummary s) throws InputException {
    ObjectNode n = JSON.createObjectNode();
    n.put("time", s.time().toString());
    n.put("accounts", s.accounts());
    n.put("weak", s.weak());
    n.put("reused", s.reused());
    n.put("breached", s.breached());
    n.put("old", s.old());
    n.put("breachChecked", s.breachChecked());
    write("passwords.json", n);
  }

  private void write(String name, JsonNode n) throws InputException {
    Path f = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, name, ".tmp");
      Files.writeString(
          tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n), StandardCharsets.UTF_8);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InputException(f + ": cannot write: " + e.getMessage());
    }
  }
}
