package dev.bulwark.compliance.evidence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the evidence mappings (listed in {@code mappings/800-53/index.txt}). Unknown keys and
 * missing fields are errors naming the file and line.
 */
public final class MappingLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private MappingLoader() {}

  /** The built-in mappings by OSCAL control id ({@code ra-5}). */
  public static Map<String, ControlMapping> builtIn() throws InputException {
    Map<String, ControlMapping> out = new LinkedHashMap<>();
    for (String name : resource("/mappings/800-53/index.txt").lines().map(String::strip).toList()) {
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      ControlMapping m = load("mappings/800-53/" + name, resource("/mappings/800-53/" + name));
      if (out.put(dev.bulwark.compliance.oscal.Control.idOf(m.control()), m) != null) {
        throw new InputException(
            "mappings/800-53/" + name + ": a second mapping for " + m.control());
      }
    }
    return out;
  }

  public static List<String> builtInNames() throws InputException {
    List<String> names = new ArrayList<>();
    resource("/mappings/800-53/index.txt")
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .forEach(names::add);
    return names;
  }

  public static ControlMapping load(String source, String text) throws InputException {
    try {
      ControlMapping m = YAML.readValue(text, ControlMapping.class);
      Severity.valueOf(m.failsWhen().minSeverity().toUpperCase(Locale.ROOT));
      return m;
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      // the parser has already moved past the key; the key's own line is what a person needs
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].strip().startsWith(e.getPropertyName() + ":")) {
          line = i + 1;
          break;
        }
      }
      throw new InputException(
          source + ":" + line + ": unknown key '" + e.getPropertyName() + "'", e);
    } catch (JsonMappingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new InputException(source + ":" + line + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    }
  }

  private static String resource(String name) throws InputException {
    try (InputStream in = MappingLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new InputException("built-in mapping resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read " + name, e);
    }
  }
}
