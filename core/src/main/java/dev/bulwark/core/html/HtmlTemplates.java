package dev.bulwark.core.html;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Objects;

/**
 * A module's HTML templates: {@code src/main/jte/*.jte}, turned into Java by the build
 * (jte-maven-plugin's {@code generate}), so nothing is compiled at run time and a template error
 * fails the build. Every {@code ${...}} in a template is escaped for where it stands — text and
 * attributes as {@link dev.bulwark.core.text.HtmlText} escapes them, script by jte's JavaScript
 * escaping; markup passes through only as a constant ({@code $unsafe{}} of a build-time string) or
 * as {@link Content} another template rendered.
 *
 * <pre>{@code
 * static final HtmlTemplates PAGES = HtmlTemplates.of(Console.class, "dev.bulwark.server");
 * String html = PAGES.render("triage.jte", model);
 * }</pre>
 */
public final class HtmlTemplates {
  private final TemplateEngine engine;

  private HtmlTemplates(TemplateEngine engine) {
    this.engine = engine;
  }

  /**
   * The templates generated into {@code packageName} (the module's jte {@code packageName}), loaded
   * with {@code anchor}'s class loader.
   */
  public static HtmlTemplates of(Class<?> anchor, String packageName) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(packageName, "packageName");
    return new HtmlTemplates(
        TemplateEngine.createPrecompiled(
            null, ContentType.Html, anchor.getClassLoader(), packageName));
  }

  /**
   * The page {@code template} (a file name such as {@code "report.jte"}) makes of {@code model}.
   */
  public String render(String template, Object model) {
    StringOutput out = new StringOutput(8192);
    engine.render(template, model, new EscapingOutput(out));
    return out.toString();
  }

  /**
   * The same, as markup another template places with {@code ${...}} (escaped parts stay escaped;
   * the markup is not escaped twice).
   */
  public Content content(String template, Object model) {
    return output -> engine.render(template, model, output);
  }
}
