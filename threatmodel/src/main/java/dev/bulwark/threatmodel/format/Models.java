package dev.bulwark.threatmodel.format;

import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.tree.Documents;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.nio.file.Path;

/** Reads a model file in any supported format, recognised by its content. */
public final class Models {
  private Models() {}

  /** The formats a model file may be written in. */
  public enum Format {
    THREAGILE,
    THREAT_DRAGON,
    OTM,
    TM_BOM
  }

  public static ThreatModel read(Path file) throws ModelException {
    Tree.MapNode root = Documents.read(file).asMap();
    return switch (detect(root)) {
      case THREAGILE -> ThreagileReader.read(file);
      case THREAT_DRAGON -> ThreatDragonReader.fromTree(root);
      case OTM -> OtmFormat.fromTree(root);
      case TM_BOM -> TmBomReader.fromTree(root);
    };
  }

  public static Format detect(Path file) throws ModelException {
    return detect(Documents.read(file).asMap());
  }

  static Format detect(Tree.MapNode root) throws ModelException {
    if (OtmFormat.looksLike(root)) {
      return Format.OTM;
    }
    if (TmBomReader.looksLike(root)) {
      return Format.TM_BOM;
    }
    if (ThreatDragonReader.looksLike(root)) {
      return Format.THREAT_DRAGON;
    }
    if (ThreagileReader.looksLike(root)) {
      return Format.THREAGILE;
    }
    throw root.error(
        "not a threat model: expected Threagile YAML, Threat Dragon JSON, OTM or a CycloneDX TM-BOM");
  }
}
