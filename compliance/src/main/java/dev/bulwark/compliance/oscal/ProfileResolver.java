package dev.bulwark.compliance.oscal;

import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a profile into the catalog it selects: every import's included controls minus its
 * excluded ones, the parents of selected enhancements kept so the structure stays whole (as OSCAL's
 * "as-is" merge does), and the profile's parameter values set on the controls that declare them.
 *
 * <p>The imported catalog is found through the import's links, relative to the profile; when none
 * of them exists locally (the NIST profiles point into their source repository), the catalog given
 * by the caller is used, and a control the profile selects that the catalog lacks is an error.
 */
public final class ProfileResolver {
  private ProfileResolver() {}

  public static Catalog resolve(Profile profile, Path fallbackCatalog) throws InputException {
    Map<Path, Catalog> cache = new HashMap<>();
    Set<String> selected = new LinkedHashSet<>();
    Map<String, Control> all = new HashMap<>();
    List<Control> order = new ArrayList<>();
    for (Profile.Import imp : profile.imports()) {
      Path catalogFile = locate(profile, imp, fallbackCatalog);
      Catalog catalog = cache.get(catalogFile);
      if (catalog == null) {
        catalog = Catalog.read(catalogFile);
        cache.put(catalogFile, catalog);
      }
      Map<String, Control> byId = catalog.byId();
      Set<String> chosen = new LinkedHashSet<>(imp.includeAll() ? byId.keySet() : imp.include());
      imp.exclude().forEach(chosen::remove);
      for (String id : chosen) {
        Control c = byId.get(id);
        if (c == null) {
          throw new InputException(
              profile.file() + ": control " + id + " is not in the catalog " + catalogFile);
        }
        selected.add(id);
        // keep the chain of parents of an enhancement
        for (Control p = c; p != null; p = p.parentId() == null ? null : byId.get(p.parentId())) {
          selected.add(p.id());
        }
      }
      for (Control c : catalog.controls()) {
        if (!all.containsKey(c.id())) {
          all.put(c.id(), c);
          order.add(c);
        }
      }
    }
    List<Control> out = new ArrayList<>();
    for (Control c : order) {
      if (selected.contains(c.id())) {
        Map<String, String> params = new HashMap<>();
        profile
            .parameters()
            .forEach((k, v) -> {
              if (k.startsWith(c.id() + "_")) {
                params.put(k, v);
              }
            });
        out.add(params.isEmpty() ? c : c.withParameters(params));
      }
    }
    return new Catalog(profile.title(), out);
  }

  private static Path locate(Profile profile, Profile.Import imp, Path fallback)
      throws InputException {
    Path dir = profile.file().toAbsolutePath().getParent();
    for (String link : imp.catalogLinks()) {
      if ((link.endsWith(".json") || link.endsWith(".xml")) && !link.contains("://")) {
        Path p = dir.resolve(link).normalize();
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    if (fallback != null) {
      if (!Files.isRegularFile(fallback)) {
        throw new InputException(fallback + ": catalog not found");
      }
      return fallback;
    }
    throw new InputException(
        profile.file()
            + ": the imported catalog "
            + (imp.catalogLinks().isEmpty() ? imp.href() : imp.catalogLinks())
            + " is not available locally; give one with --catalog");
  }
}
