package dev.bulwark.stream;

/** A record of the events topic: where it came from (topic/partition@offset) and its text. */
public record Raw(String origin, String value) {}
