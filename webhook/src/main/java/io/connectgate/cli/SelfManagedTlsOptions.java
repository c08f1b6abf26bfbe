package io.connectgate.cli;

import io.connectgate.tls.RotationPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code serve --self-managed-tls} and the options that go with it (see README "TLS modes"). */
final class SelfManagedTlsOptions {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Option(names = "--self-managed-tls",
      description = "Keeps the CA and serving certificate in the Secret --tls-secret (created by the"
          + " first replica, shared by all), writes them to --cert-dir, rotates them before they"
          + " expire and sets caBundle on every webhook of the --webhook-config configurations."
          + " Needs --service and --namespace.")
  boolean enabled;

  @Option(names = "--service", paramLabel = "NAME",
      description = "With --self-managed-tls: the webhook's Service; the certificate's SANs are NAME,"
          + " NAME.NS, NAME.NS.svc, NAME.NS.svc.cluster.local (plus --dns-name).")
  String service;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "With --self-managed-tls: namespace of the Service and the Secret.")
  String namespace;

  @Option(names = "--webhook-config", split = ",", paramLabel = "NAME",
      description = "With --self-managed-tls: Validating- and MutatingWebhookConfiguration name(s) whose"
          + " caBundle is kept current (repeatable; a missing one is retried).")
  List<String> webhookConfigs = new ArrayList<>();

  @Option(names = "--tls-secret", paramLabel = "NAME",
      description = "With --self-managed-tls: the Secret holding the CA and certificate (default: <service>-tls).")
  String tlsSecret;

  @Option(names = "--self-managed-poll-interval", defaultValue = "30s", converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "With --self-managed-tls: how often the Secret is checked, renewed if due and"
          + " caBundle re-applied (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  // Hidden: for tests and drills (e.g. a 60s certificate to watch a rotation happen).
  @Option(names = "--self-managed-cert-validity", hidden = true, defaultValue = "8760h", converter = DurationConverter.class)
  Duration certValidity;

  @Option(names = "--self-managed-ca-validity", hidden = true, defaultValue = "43800h", converter = DurationConverter.class)
  Duration caValidity;

  @Option(names = "--self-managed-publish-delay", hidden = true, defaultValue = "60s", converter = DurationConverter.class)
  Duration publishDelay;

  /** Every problem of the options at once, as a usage error; nothing when the mode is off. */
  void check(CommandLine commandLine) {
    if (!enabled) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (service == null || !DNS_LABEL.matcher(service).matches()) {
      problems.add("--service (a DNS-1123 label) is required");
    }
    if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
      problems.add("--namespace (a DNS-1123 label) is required");
    }
    if (webhookConfigs.isEmpty()) {
      problems.add("at least one --webhook-config is required");
    }
    try {
      rotationPolicy();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(commandLine,
          "--self-managed-tls: " + String.join("; ", problems));
    }
  }

  RotationPolicy rotationPolicy() {
    return new RotationPolicy(certValidity, caValidity, publishDelay);
  }

  /** The Service's four DNS names, then any --dns-name. */
  List<String> names(List<String> dnsNames) {
    LinkedHashSet<String> names = new LinkedHashSet<>(List.of(service, service + "." + namespace,
        service + "." + namespace + ".svc", service + "." + namespace + ".svc.cluster.local"));
    names.addAll(dnsNames);
    return List.copyOf(names);
  }

  String tlsSecretName() {
    return tlsSecret != null ? tlsSecret : service + "-tls";
  }
}
