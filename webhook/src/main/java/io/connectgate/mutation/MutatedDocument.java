package io.connectgate.mutation;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector document with defaults injected.
 *
 * @param dataKey the ConfigMap data key (null for a bare connector file)
 * @param root the new document (the user's keys first, in their order, then injected ones)
 * @param text the new JSON text of the data entry
 * @param injected the injected config keys, in injection order (values may be secrets: a
 *     derived sasl.jaas.config — never log {@code root} or {@code text})
 */
public record MutatedDocument(String dataKey, ObjectNode root, String text, List<String> injected) {}
