package dev.bulwark.intel.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixIds;
import dev.bulwark.intel.store.IntelStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The CISA KEV catalogue as STIX {@code vulnerability} objects (one per CVE, identified by a UUIDv5
 * of the CVE id), the catalogue's fields kept as {@code x_cisa_*} properties: vendor, product, date
 * added, due date, known ransomware use.
 */
final class KevFeed {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private final IntelStore store;

  KevFeed(IntelStore store) {
    this.store = store;
  }

  long[] importCatalogue(Path file) throws InputException {
    long read = 0;
    long stored = 0;
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = StixBundleReader.mapper().getFactory().createParser(in)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken t = p.nextToken();
        if (k.equals("vulnerabilities") && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode v = StixBundleReader.mapper().readTree(p);
            read++;
            String cve = v.path("cveID").asText("");
            if (!CVE.matcher(cve).matches()) {
              throw new InputException(
                  file + ": KEV entry " + read + " has no valid cveID: '" + cve + "'");
            }
            if (store.put(vulnerability(v, cve), "cisa-kev")) {
              stored++;
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new InputException(file + ": malformed KEV catalogue: " + e.getMessage(), e);
    }
    return new long[] {read, stored};
  }

  private static ObjectNode vulnerability(JsonNode v, String cve) throws InputException {
    ObjectNode o = StixBundleReader.mapper().createObjectNode();
    String added = v.path("dateAdded").asText("");
    String time;
    try {
      time = StixIds.timestamp(LocalDate.parse(added).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InputException(cve + ": KEV dateAdded is not a date: '" + added + "'", e);
    }
    o.put("type", "vulnerability");
    o.put("spec_version", "2.1");
    o.put("id", StixIds.of("vulnerability", cve));
    o.put("created", time);
    o.put("modified", time);
    o.put("name", cve);
    o.put("description", v.path("shortDescription").asText(""));
    o.putArray("external_references").addObject().put("source_name", "cve").put("external_id", cve);
    o.put("x_cisa_vendor", v.path("vendorProject").asText(""));
    o.put("x_cisa_product", v.path("product").asText(""));
    o.put("x_cisa_name", v.path("vulnerabilityName").asText(""));
    o.put("x_cisa_date_added", added);
    o.put("x_cisa_due_date", v.path("dueDate").asText(""));
    o.put("x_cisa_required_action", v.path("requiredAction").asText(""));
    o.put("x_cisa_ransomware_use", v.path("knownRansomwareCampaignUse").asText(""));
    o.put("x_bulwark_source", "cisa-kev");
    return o;
  }
}
