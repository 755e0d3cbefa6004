package dev.bulwark.intel.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The STIX 2.1 objects every bundle Bulwark writes is made of. Identities get deterministic ids
 * from their name, so the organisation in an intel report and in an indicator bundle is one object
 * and a consumer merging both sees one producer, not two.
 */
public final class StixObjects {
  private StixObjects() {}

  /**
   * A domain object's common properties (STIX 2.1 §3.2); relationships and sightings share them.
   */
  public static ObjectNode sdo(String type, String id, String timestamp) {
    ObjectNode o = StixBundleReader.mapper().createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", timestamp);
    o.put("modified", timestamp);
    return o;
  }

  /** The organisation a report or bundle is about or from. */
  public static ObjectNode organisation(String name, String timestamp) {
    return identity(name, "organization", "organisation:" + name, timestamp);
  }

  /** A producing system, such as Bulwark itself. */
  public static ObjectNode system(String name, String timestamp) {
    return identity(name, "system", "system:" + name, timestamp);
  }

  private static ObjectNode identity(String name, String identityClass, String seed, String ts) {
    ObjectNode o = sdo("identity", StixIds.of("identity", seed), ts);
    o.put("name", name);
    o.put("identity_class", identityClass);
    return o;
  }

  /** A bundle of {@code objects}, its id derived from {@code seed}. */
  public static ObjectNode bundle(Iterable<? extends JsonNode> objects, String seed) {
    ObjectNode b = StixBundleReader.mapper().createObjectNode();
    b.put("type", "bundle");
    b.put("id", StixIds.of("bundle", seed));
    ArrayNode a = b.putArray("objects");
    objects.forEach(a::add);
    return b;
  }
}
