package dev.bulwark.core.html;

import dev.bulwark.core.text.HtmlText;
import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import java.util.Locale;

/**
 * jte's context-aware output, with text and attribute values escaped the way Bulwark's reports
 * always were ({@code < > & " '} as entities, through {@link HtmlText}): reports keep their bytes,
 * and one escaper serves both places. In script (a {@code <script>} body or an {@code on*}
 * attribute) jte's JavaScript escaping applies, as it would by default.
 */
final class EscapingOutput extends OwaspHtmlTemplateOutput {
  private String tag;
  private String attribute;

  EscapingOutput(TemplateOutput out) {
    super(out);
  }

  @Override
  public void setContext(String tagName, String attributeName) {
    super.setContext(tagName, attributeName);
    this.tag = tagName;
    this.attribute = attributeName;
  }

  @Override
  public void writeUserContent(String value) {
    if (value == null) {
      return;
    }
    if (inScript()) {
      super.writeUserContent(value);
    } else {
      writeContent(HtmlText.escape(value));
    }
  }

  private boolean inScript() {
    if (attribute != null) {
      return attribute.toLowerCase(Locale.ROOT).startsWith("on");
    }
    return tag != null && (tag.equalsIgnoreCase("script") || tag.equalsIgnoreCase("style"));
  }
}
