package dev.tandem.config;

import java.nio.file.Path;

/** Where the embedded H2 journal lives ({@code dir}/tandem.mv.db). */
public record JournalConfig(Path dir) {}
