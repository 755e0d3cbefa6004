package dev.bulwark.core.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.core.text.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where decisions on proposals are kept: in memory for one run, and appended as JSON lines to
 * {@code proposals.jsonl} in Bulwark's data directory when one is given, so rejected proposals stay
 * available for evaluation after the run.
 */
public final class ProposalLog {
  public static final String FILE = "proposals.jsonl";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;
  private final List<Decision> decisions = Collections.synchronizedList(new ArrayList<>());

  private ProposalLog(Path file) {
    this.file = file;
  }

  /** A log kept only for this run. */
  public static ProposalLog memory() {
    return new ProposalLog(null);
  }

  /** A log that also appends to {@code proposals.jsonl} in {@code dataDir}. */
  public static ProposalLog in(Path dataDir) {
    return new ProposalLog(dataDir.resolve(FILE));
  }

  public void record(Decision d) {
    decisions.add(d);
    if (file != null) {
      try {
        synchronized (ProposalLog.class) {
          JsonLines.append(file, JSON, List.of(d));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": cannot record a proposal: " + e.getMessage(), e);
      }
    }
  }

  /** The decisions of this run, in order. */
  public List<Decision> decisions() {
    synchronized (decisions) {
      return List.copyOf(decisions);
    }
  }

  public List<Decision> rejected() {
    return decisions().stream().filter(d -> !d.accepted()).toList();
  }

  /** Reads a log file; a bad line is an error naming the file and line. */
  public static List<Decision> read(Path file) throws IOException {
    return JsonLines.read(file, JSON, Decision.class, "a proposal decision");
  }
}
