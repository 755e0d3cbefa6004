package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.text.UntrustedXml;
import dev.bulwark.deps.model.Component;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * SBOMs: CycloneDX (JSON and XML, nested components included), SPDX 2.3 JSON (package purl external
 * references) and SPDX 3.0 JSON-LD (software_Package elements with a package URL). JSON is read as
 * a stream, one component at a time; XML as a StAX stream, with a DOCTYPE refused (no DTD, no
 * entities: XXE and billion laughs have nothing to work with).
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

  /** Deepest element nesting read in an XML SBOM; real ones nest components a few levels. */
  private static final int MAX_XML_DEPTH = 256;

  /** Longest purl or scope text kept; a real purl is under a kilobyte. */
  private static final int MAX_XML_TEXT = 8192;

  @Override
  public List<Component> parse(
      Path file, String relPath, InputStream in, DiagnosticSink diagnostics)
      throws ManifestException {
    List<Component> out = new ArrayList<>();
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.endsWith(".xml")) {
        cycloneXml(in, relPath, out);
        if (out.size() >= MAX_COMPONENTS) {
          diagnostics.report(ManifestParser.tooManyComponents(relPath));
          return out.subList(0, MAX_COMPONENTS);
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

  /**
   * CycloneDX XML, element by element: each {@code component} (nested ones too) contributes its
   * {@code purl} and {@code scope} children; nothing else is kept, so memory does not grow with the
   * file.
   */
  private static void cycloneXml(InputStream in, String relPath, List<Component> out)
      throws ManifestException, XMLStreamException {
    XMLStreamReader r = UntrustedXml.open(in);
    try {
      // one frame per open component: its purl and scope as read so far
      java.util.ArrayDeque<String[]> components = new java.util.ArrayDeque<>();
      StringBuilder text = null;
      int depth = 0;
      String field = null;
      boolean root = true;
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.DTD ->
              throw new ManifestException(
                  relPath
                      + ": XML SBOM declares a DOCTYPE; refused (entity declarations could expand"
                      + " without bound or reach outside the file)");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new ManifestException(
                  relPath + ": XML SBOM refers to the entity &" + r.getLocalName() + "; refused");
          case XMLStreamConstants.START_ELEMENT -> {
            String el = UntrustedXml.local(r.getLocalName());
            if (root && !el.equals("bom")) {
              throw new ManifestException(
                  relPath + ": not a CycloneDX document (root <" + el + ">)");
            }
            root = false;
            if (++depth > MAX_XML_DEPTH) {
              throw new ManifestException(
                  relPath + ": XML nested deeper than " + MAX_XML_DEPTH + " elements; not read");
            }
            if (el.equals("component")) {
              components.push(new String[2]);
            } else if (!components.isEmpty() && (el.equals("purl") || el.equals("scope"))) {
              field = el;
              text = new StringBuilder();
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (text != null && text.length() < MAX_XML_TEXT) {
              text.append(
                  r.getTextCharacters(),
                  r.getTextStart(),
                  Math.min(r.getTextLength(), MAX_XML_TEXT - text.length()));
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            String el = UntrustedXml.local(r.getLocalName());
            if (text != null && el.equals(field)) {
              components.peek()[field.equals("purl") ? 0 : 1] = text.toString().strip();
              text = null;
              field = null;
            } else if (el.equals("component") && !components.isEmpty()) {
              String[] c = components.pop();
              Purl.toComponent(c[0], relPath, scope(c[1])).ifPresent(out::add);
              if (out.size() > MAX_COMPONENTS) {
                return; // over the package budget: the caller says so and keeps the first ones
              }
            }
          }
          default -> {
            // comments, processing instructions, whitespace
          }
        }
      }
    } finally {
      r.close();
    }
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
