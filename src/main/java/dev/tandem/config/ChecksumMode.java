package dev.tandem.config;

/**
 * VRRPv3 over IPv4: whether the checksum covers the IP pseudo-header. RFC 5798 says it does,
 * RFC 9568 says it does not; keepalived and FRR include it, Cisco and Juniper do not.
 */
public enum ChecksumMode { WITH_PSEUDO_HEADER, WITHOUT_PSEUDO_HEADER }
