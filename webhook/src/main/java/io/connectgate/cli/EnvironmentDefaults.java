package io.connectgate.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Makes every option readable from {@code CONNECTGATE_<OPTION>}: {@code --cert-dir} is
 * {@code CONNECTGATE_CERT_DIR}. An explicit option on the command line wins.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  private final Map<String, String> env;

  EnvironmentDefaults() {
    this(System.getenv());
  }

  EnvironmentDefaults(Map<String, String> env) {
    this.env = env;
  }

  static String variableName(String longOption) {
    String bare = longOption.replaceFirst("^-+", "");
    return "CONNECTGATE_" + bare.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec option && option.longestName().startsWith("--")) {
      String value = env.get(variableName(option.longestName()));
      if (value != null) {
        return value;
      }
    }
    return argSpec.defaultValue();
  }
}
