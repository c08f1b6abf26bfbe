package io.connectgate.validation;

import io.connectgate.connector.Deadline;
import java.util.List;
import java.util.Set;

/** The rules a schema can opt into with {@code x-connectgate-rules}, and the order they run in. */
final class ConfigRules {

  static final Set<String> OPT_IN = Set.of(Rules.UNKNOWN_KEY, Rules.JAAS,
      Rules.SASL_WITHOUT_JAAS, Rules.TOPIC_REGEX, Rules.TOPIC_SELECTION, Rules.SSL_ON_PLAINTEXT,
      Rules.DEPRECATED_KEY, Rules.ALIASES, Rules.DEAD_LETTER_QUEUE, SinkTopicsRule.RULE);

  private final List<DocumentRule> rules;

  ConfigRules(SchemaCatalog catalog) {
    this.rules = List.of(new UnknownKeyRule(catalog), new DeprecatedKeyRule(),
        new TopicRules(), new ClientSecurityRules(catalog), new AliasRule(),
        new DeadLetterQueueRule(), new SinkTopicsRule(), new PluginSettingsRule(catalog),
        new TransformRules(catalog));
  }

  void check(DocumentContext ctx, Deadline deadline) {
    for (DocumentRule rule : rules) {
      deadline.check();
      rule.check(ctx);
    }
  }
}
