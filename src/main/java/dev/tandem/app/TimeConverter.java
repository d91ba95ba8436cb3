package dev.tandem.app;

import dev.tandem.audit.TimeArgument;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A time option ({@link TimeArgument}'s forms, in this host's zone); a bad one is a usage error (exit 2). */
final class TimeConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return TimeArgument.parse(value, Instant.now(), ZoneId.systemDefault());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
