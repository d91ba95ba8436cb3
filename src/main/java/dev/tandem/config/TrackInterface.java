package dev.tandem.config;

/** An interface tracked by an instance: weight 0 puts the instance in Fault while it is down. */
public record TrackInterface(String name, int weight) {}
