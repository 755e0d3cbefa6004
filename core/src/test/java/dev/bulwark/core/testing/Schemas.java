package dev.bulwark.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Validates Bulwark's outputs against their JSON schemas: SARIF 2.1.0 (OASIS) and report v1. */
public final class Schemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  /** Errors of a SARIF log against the official OASIS SARIF 2.1.0 schema; empty when valid. */
  public static List<String> sarifErrors(JsonNode sarif) {
    return errors("/schema/sarif-schema-2.1.0.json", SpecificationVersion.DRAFT_7, sarif);
  }

  /** Errors of a Bulwark JSON report against its published schema; empty when valid. */
  public static List<String> reportErrors(JsonNode report) {
    return errors(
        "/dev/bulwark/core/report/bulwark-report-1.schema.json",
        SpecificationVersion.DRAFT_2020_12,
        report);
  }

  /** Errors of a document against a JSON Schema (2020-12) on the class path; empty when valid. */
  public static List<String> errorsAgainst(String resource, JsonNode doc) {
    return errors(resource, SpecificationVersion.DRAFT_2020_12, doc);
  }

  private static List<String> errors(String resource, SpecificationVersion version, JsonNode doc) {
    try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + resource);
      }
      JsonNode schemaNode = JSON.readTree(in);
      Schema schema = SchemaRegistry.withDefaultDialect(version).getSchema(schemaNode);
      return schema.validate(doc).stream().map(Error::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
