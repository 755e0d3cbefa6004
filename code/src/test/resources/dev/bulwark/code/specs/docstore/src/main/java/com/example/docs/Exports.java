package com.example.docs;

import com.acme.templates.TemplateRenderer;

/** Exports a report through the configured export template. */
public class Exports {
  private final TemplateRenderer renderer = new TemplateRenderer();

  public String export(String layout, String body) {
    return renderer.renderTemplate(layout + body);
  }
}
