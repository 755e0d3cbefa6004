package dev.bulwark.deps.inventory;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.InflationBudget;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * JARs, WARs and EARs, and the jars nested in them (Spring Boot's BOOT-INF/lib, WEB-INF/lib):
 * identified by their embedded {@code META-INF/maven/.../pom.properties}, else by the manifest's
 * bundle or implementation coordinates. Streamed, nested jars included, and bounded: nesting depth,
 * entry count, and an {@link InflationBudget} on every byte inflated, skipped entries too, so a jar
 * bomb stops within seconds with a diagnostic.
 */
public final class Jars implements ManifestParser.Streaming {
  private static final int MAX_DEPTH = 3;
  private static final int MAX_ENTRIES = 100_000;
  private static final long MAX_INFLATED_BYTES = 4L << 30;
  private static final int MAX_RATIO = 100;

  @Override
  public boolean accepts(String fileName) {
    return fileName.endsWith(".jar") || fileName.endsWith(".war") || fileName.endsWith(".ear");
  }

  @Override
  public List<Component> parse(
      Path file, String relPath, InputStream in, DiagnosticSink diagnostics)
      throws IOException, ManifestException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0;
    }
    InflationBudget budget = new InflationBudget(MAX_INFLATED_BYTES, MAX_RATIO, size);
    List<Component> out = new ArrayList<>();
    try {
      read(budget.zip(in), budget, relPath, relPath, 0, out);
    } catch (InflationBudget.Exceeded e) {
      diagnostics.report(
          Diagnostic.warning(
              "deps", relPath, "archive " + e.getMessage() + "; the rest of it was not read"));
    }
    return out;
  }

  private void read(
      ZipInputStream zin,
      InflationBudget budget,
      String label,
      String manifestPath,
      int depth,
      List<Component> out)
      throws IOException, ManifestException {
    List<Component> own = new ArrayList<>();
    Manifest manifest = null;
    int entries = 0;
    try {
      ZipEntry e;
      while ((e = zin.getNextEntry()) != null) {
        if (++entries > MAX_ENTRIES) {
          throw new ManifestException(
              label + ": more than " + MAX_ENTRIES + " entries; not read further");
        }
        String n = e.getName();
        if (n.contains("..")) {
          continue;
        }
        if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
          Properties p = new Properties();
          p.load(new StringReader(new String(zin.readNBytes(1 << 16), StandardCharsets.UTF_8)));
          String g = p.getProperty("groupId");
          String a = p.getProperty("artifactId");
          String v = p.getProperty("version");
          if (g != null && a != null && v != null) {
            own.add(
                new Component(
                    Ecosystem.MAVEN,
                    g + ":" + a,
                    v,
                    manifestPath,
                    "runtime",
                    depth == 0,
                    depth == 0 ? "" : label));
          }
        } else if (n.equals("META-INF/MANIFEST.MF")) {
          manifest = new Manifest(new ByteArrayInputStream(zin.readNBytes(1 << 20)));
        } else if (depth < MAX_DEPTH && (n.endsWith(".jar") || n.endsWith(".war"))) {
          // read in place: the nested jar streams out of this entry, never held whole
          read(budget.zip(zin), budget, label + "!" + n, manifestPath, depth + 1, out);
        }
      }
    } catch (java.util.zip.ZipException ex) {
      throw new ManifestException(label + ": not a readable archive: " + ex.getMessage(), ex);
    }
    if (own.isEmpty() && manifest != null) {
      var a = manifest.getMainAttributes();
      String g = a.getValue("Bundle-SymbolicName");
      String v =
          a.getValue("Bundle-Version") != null
              ? a.getValue("Bundle-Version")
              : a.getValue("Implementation-Version");
      String t = a.getValue("Implementation-Vendor-Id");
      String artifact = a.getValue("Implementation-Title");
      if (t != null && artifact != null && v != null) {
        own.add(
            new Component(
                Ecosystem.MAVEN,
                t + ":" + artifact,
                v,
                manifestPath,
                "runtime",
                depth == 0,
                depth == 0 ? "" : label));
      } else if (g != null && v != null && g.contains(".")) {
        // an OSGi bundle name is usually group.artifact; a guess, so it is not reported as certain
        String sym = g.split(";")[0];
        int dot = sym.lastIndexOf('.');
        own.add(
            new Component(
                Ecosystem.MAVEN,
                sym.substring(0, dot) + ":" + sym.substring(dot + 1),
                v,
                manifestPath,
                "runtime",
                depth == 0,
                "manifest of " + label));
      }
    }
    out.addAll(own);
  }
}
