package dev.tandem.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the fleet journal lives: the PostgreSQL database that a replicator fills from this node's
 * local journal. At most one of {@code password} and {@code passwordFile} is set; the file is read
 * when the replicator connects, so that a rotated password needs no restart.
 */
public record FleetConfig(
    String url,
    String user,
    Optional<String> password,
    Optional<Path> passwordFile,
    Duration interval,
    int batch) {}
