package dev.tandem.config;

/** keepalived's {@code state}: only the state an instance starts from, never a claim to be Master. */
public enum InitialState { MASTER, BACKUP }
