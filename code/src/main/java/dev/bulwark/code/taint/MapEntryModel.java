package dev.bulwark.code.taint;

/** Map entries, as iterating a map's entry set hands them out: their key and value. */
final class MapEntryModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    return call.receiverObject() != null && TypeModels.is(e, call.owner(), "java.util.Map.Entry");
  }

  @Override
  public Value call(Engine e, CallSite call) {
    Obj ro = call.receiverObject();
    return switch (call.name()) {
      case "getKey" -> ro.fields.getOrDefault("key", Value.UNKNOWN);
      case "getValue" -> ro.fields.getOrDefault("value", Value.UNKNOWN);
      default -> null;
    };
  }
}
