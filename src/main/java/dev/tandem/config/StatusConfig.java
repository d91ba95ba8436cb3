package dev.tandem.config;

import java.net.Inet4Address;
import java.nio.file.Path;

/**
 * The status and metrics HTTP endpoint ({@code /status}, {@code /metrics}, {@code /-/healthy}) and
 * the file that SIGUSR1 and SIGUSR2 dump the same status to. A non-loopback {@code address} has
 * been explicitly allowed ({@code allow-remote}).
 */
public record StatusConfig(boolean enabled, Inet4Address address, int port, Path dumpFile) {}
