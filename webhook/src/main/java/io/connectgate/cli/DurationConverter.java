package io.connectgate.cli;

import io.connectgate.connect.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Duration options of every command: {@code 20} (seconds), {@code 20s}, {@code 500ms},
 * {@code 2m}, {@code 1h} or ISO-8601 {@code PT20S}; zero and negative are refused (a zero
 * timeout or poll interval is never meant).
 */
class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /** The same syntax, also accepting zero: for a delay that may be skipped ({@code --drain-delay 0}). */
  static final class ZeroAllowed extends DurationConverter {
    @Override
    public Duration convert(String value) {
      String v = value.strip();
      return v.matches("0+\\s*(ms|s|m|h)?|(?i)PT0+S") ? Duration.ZERO : super.convert(value);
    }
  }
}
