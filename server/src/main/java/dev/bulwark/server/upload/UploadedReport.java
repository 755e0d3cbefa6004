package dev.bulwark.server.upload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.store.Ingest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A Bulwark JSON report spooled to disk, read in two streaming passes so that memory holds one
 * finding at a time, never the report: the first checks every finding and collects what the upload
 * needs besides them (tool, analyzers, incidents); the second hands the findings to the store
 * inside its transaction.
 */
final class UploadedReport {
  final Path file;
  final String tool;
  final Set<String> analyzers;
  final JsonNode incidents;
  final ArrayNode incidentFindings;
  final int findings;

  private UploadedReport(
      Path file,
      String tool,
      Set<String> analyzers,
      JsonNode incidents,
      ArrayNode incidentFindings,
      int findings) {
    this.file = file;
    this.tool = tool;
    this.analyzers = analyzers;
    this.incidents = incidents;
    this.incidentFindings = incidentFindings;
    this.findings = findings;
  }

  /** The first pass: a 400 naming the finding for anything malformed, before the store is used. */
  static UploadedReport check(Path file) throws IOException {
    String tool = "";
    Set<String> analyzers = new LinkedHashSet<>();
    JsonNode incidents = null;
    ArrayNode withIncident = Uploads.JSON.createArrayNode();
    boolean sawFindings = false;
    int count = 0;
    try (JsonParser p = Uploads.JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw invalid("the body must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "tool" -> {
            JsonNode t = p.readValueAsTree();
            tool = (t.path("name").asText("") + " " + t.path("version").asText("")).strip();
          }
          case "scan" -> {
            JsonNode scan = p.readValueAsTree();
            for (JsonNode a : scan.path("analyzers")) {
              if (a.path("status").asText("completed").equals("completed")) {
                analyzers.add(a.path("id").asText());
              }
            }
          }
          case "incidents" -> incidents = p.readValueAsTree();
          case "findings" -> {
            if (value != JsonToken.START_ARRAY) {
              throw invalid("not a Bulwark JSON report: no findings array");
            }
            sawFindings = true;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              JsonNode f = p.readValueAsTree();
              Ingest.check(count, finding(f, count));
              if (!f.path("properties").path("incident").asText("").isEmpty()) {
                withIncident.add(f);
              }
              count++;
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw invalid(
          "the body is not JSON: " + dev.bulwark.core.text.Messages.firstLine(e.getMessage()));
    }
    if (!sawFindings) {
      throw invalid("not a Bulwark JSON report: no findings array");
    }
    return new UploadedReport(file, tool, analyzers, incidents, withIncident, count);
  }

  private static Finding finding(JsonNode f, int i) {
    try {
      return FindingJson.fromJson(f);
    } catch (RuntimeException e) {
      throw invalid("finding " + i + " is malformed: " + e.getMessage());
    }
  }

  /** The second pass: the findings one at a time. Close it to release the file. */
  FindingStream stream() throws IOException {
    return new FindingStream(nodes(file));
  }

  /** The raw finding objects of a report file, one at a time. */
  static NodeStream nodes(Path file) throws IOException {
    return new NodeStream(file);
  }

  /** The findings of the spooled report, parsed as they are asked for. */
  static final class FindingStream implements Iterator<Finding>, AutoCloseable {
    private final NodeStream nodes;

    FindingStream(NodeStream nodes) {
      this.nodes = nodes;
    }

    @Override
    public boolean hasNext() {
      return nodes.hasNext();
    }

    @Override
    public Finding next() {
      return FindingJson.fromJson(nodes.next());
    }

    @Override
    public void close() throws IOException {
      nodes.close();
    }
  }

  /** The elements of a report's findings array, read as they are asked for. */
  static final class NodeStream implements Iterator<JsonNode>, AutoCloseable {
    private final JsonParser p;
    private final boolean found;
    private boolean done;
    private JsonToken next;

    NodeStream(Path file) throws IOException {
      p = Uploads.JSON.createParser(file.toFile());
      boolean inArray = false;
      try {
        if (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("findings") && value == JsonToken.START_ARRAY) {
              inArray = true;
              break;
            }
            p.skipChildren();
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        p.close();
        throw invalid(
            "the body is not JSON: " + dev.bulwark.core.text.Messages.firstLine(e.getMessage()));
      }
      found = inArray;
      done = !inArray;
    }

    /** Whether the report had a findings array at all. */
    boolean sawFindings() {
      return found;
    }

    @Override
    public boolean hasNext() {
      if (done) {
        return false;
      }
      if (next == null) {
        next = token();
        if (next == JsonToken.END_ARRAY || next == null) {
          done = true;
          return false;
        }
      }
      return true;
    }

    private JsonToken token() {
      try {
        return p.nextToken();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw invalid(
            "the body is not JSON: " + dev.bulwark.core.text.Messages.firstLine(e.getMessage()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public JsonNode next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      next = null;
      try {
        return p.readValueAsTree();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw invalid(
            "the body is not JSON: " + dev.bulwark.core.text.Messages.firstLine(e.getMessage()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      p.close();
    }
  }

  /** A malformed upload: the server answers 400 with this message. */
  static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException(message);
  }
}
