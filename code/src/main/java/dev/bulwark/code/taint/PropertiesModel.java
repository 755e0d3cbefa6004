package dev.bulwark.code.taint;

import java.util.List;

/**
 * {@code java.util.Properties}: a map, but {@code getProperty} has defaults and the project's own
 * {@code .properties} files, and the object itself may be out of sight (a static field loaded
 * elsewhere). Its other methods fall to the map model.
 */
final class PropertiesModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    if (!TypeModels.is(e, call.owner(), "java.util.Properties")) {
      return false;
    }
    List<Value> args = call.args();
    return switch (call.name()) {
      case "getProperty" -> !args.isEmpty() && args.get(0).constant() instanceof String;
      case "setProperty" ->
          call.receiverObject() != null && args.size() == 2 && args.get(0).constant() != null;
      case "load" -> true;
      default -> false;
    };
  }

  @Override
  public Value call(Engine e, CallSite call) {
    List<Value> args = call.args();
    Obj ro = call.receiverObject();
    State st = call.st();
    switch (call.name()) {
      case "getProperty" -> {
        String key = (String) args.get(0).constant();
        Value stored = ro == null ? null : ro.entries.get(key);
        if (stored != null) {
          return stored;
        }
        String value = e.project.property(key);
        if (value != null) {
          return Value.constant(value);
        }
        return args.size() > 1 ? args.get(1) : Value.ofType("java.lang.String");
      }
      case "setProperty" -> {
        st.write(ro.id).entries.put(args.get(0).constant(), args.get(1));
        return Value.UNKNOWN;
      }
      default -> {
        return Value.UNKNOWN;
      }
    }
  }
}
