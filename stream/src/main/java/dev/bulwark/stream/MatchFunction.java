package dev.bulwark.stream;

import dev.bulwark.logs.event.Event;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Matches each event against the current rule pack: detections go out at once, inputs of
 * correlations to a side output for the keyed correlation operators. The pack is the newest one
 * broadcast from the rules topic, or the one the job started with.
 */
final class MatchFunction extends BroadcastProcessFunction<Raw, String, Alert> {
  private static final long serialVersionUID = 1L;

  static final MapStateDescriptor<String, String> RULES =
      new MapStateDescriptor<>("rules", Types.STRING, Types.STRING);
  static final OutputTag<Hit> HITS = new OutputTag<>("correlation-inputs", Types.POJO(Hit.class));

  private final String initial;

  MatchFunction(RulePack initial) {
    this.initial = initial.toJson();
  }

  /** The pack in force: the broadcast one if any arrived, else the initial one. */
  static RulePack current(ReadOnlyBroadcastState<String, String> state, String initial)
      throws Exception {
    String pack = state.get("pack");
    return RulePack.fromJson(pack == null ? initial : pack);
  }

  @Override
  public void processElement(Raw raw, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
    Event e = Envelope.read(raw.value(), raw.origin());
    if (e == null) {
      return; // not a JSON object: nothing a rule could match
    }
    current(ctx.getBroadcastState(RULES), initial)
        .engine()
        .match(e, out::collect, h -> ctx.output(HITS, h));
  }

  @Override
  public void processBroadcastElement(String value, Context ctx, Collector<Alert> out)
      throws Exception {
    apply(ctx.getBroadcastState(RULES), value, initial);
  }

  /** Takes a pack from the rules topic when it is newer than the one in force. */
  static void apply(BroadcastState<String, String> state, String value, String initial)
      throws Exception {
    RulePack next;
    try {
      next = RulePack.fromJson(value);
    } catch (IllegalArgumentException e) {
      return; // a malformed message on the rules topic changes nothing
    }
    RulePack now = current(state, initial);
    if (next.version() > now.version()) {
      next.engine(); // compile before the switch: a pack that does not compile throws here
      state.put("pack", next.toJson());
    }
  }
}
