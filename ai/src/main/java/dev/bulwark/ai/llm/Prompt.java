package dev.bulwark.ai.llm;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned prompt, shipped as {@code prompts/<name>.md}: a first line {@code version: <id>},
 * then a system part and a user part separated by a line {@code ---user---}, with {@code
 * {{placeholders}}}. The version goes into every record of what a model proposed.
 */
public record Prompt(String name, String version, String system, String user) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

  public static Prompt load(String name) throws InputException {
    String path = "prompts/" + name + ".md";
    String text;
    try (InputStream in = Prompt.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new InputException(path + ": no such prompt");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(path + ": " + e.getMessage(), e);
    }
    String[] head = text.split("\n", 2);
    if (!head[0].startsWith("version:") || head.length < 2) {
      throw new InputException(path + ": the first line must be 'version: <id>'");
    }
    String[] parts = head[1].split("\n---user---\n", 2);
    if (parts.length != 2) {
      throw new InputException(path + ": missing the '---user---' separator");
    }
    return new Prompt(
        name, head[0].substring("version:".length()).strip(), parts[0].strip(), parts[1].strip());
  }

  /**
   * The messages with every placeholder filled; a missing value is an error, not an empty string.
   */
  public java.util.List<Message> render(Map<String, String> values) {
    return java.util.List.of(
        Message.system(fill(system, values)), Message.user(fill(user, values)));
  }

  private String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException(
            "prompt " + name + " needs a value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
