package dev.tandem.config;

import java.util.OptionalInt;

/** A vrrp_script tracked by an instance; a weight here overrides the script's own. */
public record TrackScriptRef(String name, OptionalInt weight, Origin origin) {}
