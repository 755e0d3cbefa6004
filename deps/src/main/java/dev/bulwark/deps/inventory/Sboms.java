package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.deps.model.Component;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SBOMs: CycloneDX (JSON and XML, nested components included), SPDX 2.3 JSON (package purl external
 * references) and SPDX 3.0 JSON-LD (software_Package elements with a package URL).
 */
public final class Sboms implements ManifestParser {
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

  @Override
  public List<Component> parse(Path file, String relPath, byte[] content) throws ManifestException {
    List<Component> out = new ArrayList<>();
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.endsWith(".xml")) {
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
      JsonNode root = JSON.readTree(new String(content, StandardCharsets.UTF_8));
      if (root.has("bomFormat") || root.has("components")) {
        cyclone(root.path("components"), relPath, out);
      } else if (root.has("spdxVersion")) {
        for (JsonNode p : root.path("packages")) {
          for (JsonNode ref : p.path("externalRefs")) {
            if (ref.path("referenceType").asText().equals("purl")) {
              Purl.toComponent(ref.path("referenceLocator").asText(), relPath, "runtime")
                  .ifPresent(out::add);
            }
          }
        }
      } else if (root.has("@graph")) {
        for (JsonNode el : root.path("@graph")) {
          if (el.path("type").asText().equals("software_Package")
              && el.has("software_packageUrl")) {
            Purl.toComponent(el.path("software_packageUrl").asText(), relPath, "runtime")
                .ifPresent(out::add);
          }
        }
      } else {
        throw new ManifestException(relPath + ": neither CycloneDX nor SPDX");
      }
    } catch (ManifestException e) {
      throw e;
    } catch (Exception e) {
      throw new ManifestException(relPath + ": cannot read the SBOM: " + e.getMessage(), e);
    }
    return out;
  }

  private static void cyclone(JsonNode components, String relPath, List<Component> out) {
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
