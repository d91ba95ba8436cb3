package dev.tandem.config;

/** VRRPv2 authentication (RFC 3768 §5.3.6); v3 has none. */
public enum AuthType { NONE, PASS }
