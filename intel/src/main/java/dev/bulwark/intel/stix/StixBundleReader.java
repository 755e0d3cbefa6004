package dev.bulwark.intel.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code objects} of a STIX bundle (or a TAXII envelope) one at a time, so that a bundle
 * of any size is imported with the memory of its largest object, not of the whole file.
 */
public final class StixBundleReader {
  /** No single STIX object in ATT&CK exceeds a few hundred kilobytes; 16 MB rejects garbage. */
  static final int MAX_STRING = 16 * 1024 * 1024;

  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength(MAX_STRING)
                      .maxNestingDepth(64)
                      .build())
              .build());

  /** Receives each object of the bundle in turn. */
  @FunctionalInterface
  public interface ObjectSink {
    void accept(JsonNode object) throws InputException;
  }

  /**
   * What the top level said besides its objects: a bundle's type and id, or a TAXII envelope's
   * {@code more} and {@code next}.
   */
  public record Header(String type, String id, String specVersion, Boolean more, String next) {}

  private StixBundleReader() {}

  /** Streams the objects of {@code file}; returns the bundle's header fields. */
  public static Header read(Path file, ObjectSink sink) throws InputException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), sink);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read STIX bundle: " + e.getMessage(), e);
    }
  }

  /** Streams the objects of a bundle or TAXII envelope read from {@code in}. */
  public static Header read(InputStream in, String name, ObjectSink sink) throws InputException {
    try (JsonParser p = JSON.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputException(name + ": not a STIX bundle (the top level is not an object)");
      }
      String type = null;
      String id = null;
      String spec = null;
      Boolean more = null;
      String next = null;
      boolean sawObjects = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "type" -> type = p.getValueAsString();
          case "id" -> id = p.getValueAsString();
          case "spec_version" -> spec = p.getValueAsString();
          case "more" -> more = p.getValueAsBoolean();
          case "next" -> next = p.getValueAsString();
          case "objects" -> {
            sawObjects = true;
            if (t != JsonToken.START_ARRAY) {
              throw new InputException(
                  name
                      + ": 'objects' is not an array (line "
                      + p.currentLocation().getLineNr()
                      + ")");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
              JsonNode o = JSON.readTree(p);
              sink.accept(o);
            }
          }
          default -> p.skipChildren();
        }
      }
      if (type != null && !type.equals("bundle")) {
        throw new InputException(name + ": top-level type is '" + type + "', not 'bundle'");
      }
      if (!sawObjects && type == null && more == null) {
        throw new InputException(name + ": neither a STIX bundle nor a TAXII envelope");
      }
      return new Header(type, id, spec, more, next);
    } catch (IOException e) {
      throw new InputException(name + ": malformed STIX JSON: " + e.getMessage(), e);
    }
  }

  /** Every object of a small bundle, for tests and validation. */
  public static List<JsonNode> readAll(Path file) throws InputException {
    List<JsonNode> out = new ArrayList<>();
    read(file, out::add);
    return out;
  }

  /** The shared mapper, configured with the same read limits. */
  public static ObjectMapper mapper() {
    return JSON;
  }
}
