package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.deps.model.Component;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SBOMs: CycloneDX (JSON and XML, nested components included), SPDX 2.3 JSON (package purl external
 * references) and SPDX 3.0 JSON-LD (software_Package elements with a package URL). JSON is read as
 * a stream, one component at a time; XML SBOMs are read whole, up to a size budget.
 */
public final class Sboms implements ManifestParser.Streaming {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean accepts(String fileName) {
    String f = fileName.toLowerCase(java.util.Locale.ROOT);
    return f.endsWith(".cdx.json")
        || f.endsWith(".cdx.xml")
        || f.equals("bom.json")
        || f.equals("bom.xml")
        || f.endsWith(".spdx.json")
        || f.endsWith(".spdx3.json")
        || f.equals("sbom.json")
        || f.endsWith(".sbom.json");
  }

  /** XML is parsed into a document, so it is read whole only up to this size. */
  private static final int MAX_XML_BYTES = 64 << 20;

  @Override
  public List<Component> parse(
      Path file, String relPath, InputStream in, DiagnosticSink diagnostics)
      throws ManifestException {
    List<Component> out = new ArrayList<>();
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.endsWith(".xml")) {
        byte[] content = in.readNBytes(MAX_XML_BYTES + 1);
        if (content.length > MAX_XML_BYTES) {
          throw new ManifestException(
              relPath + ": XML SBOM larger than " + (MAX_XML_BYTES >> 20) + " MB; not read");
        }
        Document d = Xml.parse(content);
        NodeList comps = d.getElementsByTagNameNS("*", "component");
        if (comps.getLength() == 0) {
          comps = d.getElementsByTagName("component");
        }
        for (int i = 0; i < comps.getLength(); i++) {
          Element c = (Element) comps.item(i);
          Purl.toComponent(Xml.text(c, "purl"), relPath, scope(Xml.text(c, "scope")))
              .ifPresent(out::add);
        }
        return out;
      }
      boolean known = false;
      try (JsonParser p = JSON.createParser(in)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new ManifestException(relPath + ": neither CycloneDX nor SPDX");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          known |= field.equals("bomFormat") || field.equals("spdxVersion");
          if (value != JsonToken.START_ARRAY
              || !(field.equals("components")
                  || field.equals("packages")
                  || field.equals("@graph"))) {
            p.skipChildren();
            continue;
          }
          known = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode el = p.readValueAsTree();
            if (out.size() >= MAX_COMPONENTS) {
              continue;
            }
            switch (field) {
              case "components" -> cyclone(List.of(el), relPath, out);
              case "packages" -> {
                for (JsonNode ref : el.path("externalRefs")) {
                  if (ref.path("referenceType").asText().equals("purl")) {
                    Purl.toComponent(ref.path("referenceLocator").asText(), relPath, "runtime")
                        .ifPresent(out::add);
                  }
                }
              }
              default -> {
                if (el.path("type").asText().equals("software_Package")
                    && el.has("software_packageUrl")) {
                  Purl.toComponent(el.path("software_packageUrl").asText(), relPath, "runtime")
                      .ifPresent(out::add);
                }
              }
            }
          }
        }
      }
      if (!known) {
        throw new ManifestException(relPath + ": neither CycloneDX nor SPDX");
      }
      if (out.size() >= MAX_COMPONENTS) {
        diagnostics.report(ManifestParser.tooManyComponents(relPath));
        return out.subList(0, MAX_COMPONENTS);
      }
    } catch (ManifestException e) {
      throw e;
    } catch (Exception e) {
      throw new ManifestException(relPath + ": cannot read the SBOM: " + e.getMessage(), e);
    }
    return out;
  }

  private static void cyclone(Iterable<JsonNode> components, String relPath, List<Component> out) {
    for (JsonNode c : components) {
      Purl.toComponent(c.path("purl").asText(null), relPath, scope(c.path("scope").asText(null)))
          .ifPresent(out::add);
      cyclone(c.path("components"), relPath, out);
    }
  }

  private static String scope(String cdx) {
    return cdx == null || cdx.equals("required") ? "runtime" : cdx;
  }
}
