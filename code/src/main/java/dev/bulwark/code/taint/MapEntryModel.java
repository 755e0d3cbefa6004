package dev.bulwark.code.taint;

import java.util.List;

/** Map entries, as iterating a map's entry set hands them out: their key and value. */
final class MapEntryModel extends ObjectModel {
  MapEntryModel() {
    super(List.of("java.util.Map.Entry"), List.of());
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    return switch (call.name()) {
      case "getKey" -> ro.fields.getOrDefault("key", Value.UNKNOWN);
      case "getValue" -> ro.fields.getOrDefault("value", Value.UNKNOWN);
      default -> null;
    };
  }
}
