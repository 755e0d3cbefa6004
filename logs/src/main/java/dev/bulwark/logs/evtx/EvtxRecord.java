package dev.bulwark.logs.evtx;

import java.time.Instant;

/** One event record: its id, when it was written, its XML, and the chunk it was read from. */
public record EvtxRecord(long recordId, Instant written, XmlNode xml, int chunk) {}
