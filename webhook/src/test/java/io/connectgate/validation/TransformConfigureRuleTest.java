package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Kafka's HeaderFrom, SetSchemaMetadata and InsertField refuse in configure() (the task
 * fails when it starts), which their ConfigDefs, and so Connect's validation, let through; and
 * Filter without a predicate, which runs and drops every record (a warning).
 */
class TransformConfigureRuleTest {

  private static final String SMT = "org.apache.kafka.connect.transforms.";

  private static List<Finding> findings(String type, String settings) {
    return FileSinkFindings.with(", \"transforms\": \"t\", \"transforms.t.type\": \"" + SMT + type + "\""
        + settings);
  }

  private static Finding only(List<Finding> found, String pointer, String message) {
    assertEquals(List.of(pointer), found.stream().map(f -> f.location().pointer()).toList(), found::toString);
    Finding f = found.get(0);
    assertEquals(Severity.ERROR, f.severity(), f::toString);
    assertTrue(f.message().contains(message), f::toString);
    return f;
  }

  @Test
  void filterWithoutAPredicateIsAWarningBecauseItDropsEveryRecord() {
    List<Finding> found = findings("Filter", "");
    assertEquals(List.of("/config/transforms.t.type"), found.stream().map(f -> f.location().pointer()).toList(),
        found::toString);
    assertEquals(Severity.WARNING, found.get(0).severity(), found::toString);
    assertTrue(found.get(0).message().contains("is Filter without a predicate: it drops every record"),
        found::toString);
    assertEquals(List.of(), findings("Filter", ", \"transforms.t.predicate\": \"tombstones\","
        + " \"predicates\": \"tombstones\", \"predicates.tombstones.type\":"
        + " \"org.apache.kafka.connect.transforms.predicates.RecordIsTombstone\""));
  }

  @Test
  void headerFromNeedsAsManyHeadersAsFields() {
    only(findings("HeaderFrom$Value", ", \"transforms.t.fields\": \"id, ts\", \"transforms.t.headers\": \"id\","
        + " \"transforms.t.operation\": \"copy\""), "/config/transforms.t.headers",
        "names 1 header for 2 fields of transforms.t.fields: HeaderFrom refuses to start");
    // Kafka's LIST keeps a trailing empty entry: "a," is two.
    only(findings("HeaderFrom$Key", ", \"transforms.t.fields\": \"a,\", \"transforms.t.headers\": \"h\","
        + " \"transforms.t.operation\": \"move\""), "/config/transforms.t.headers", "1 header for 2 fields");
    assertEquals(List.of(), findings("HeaderFrom$Value", ", \"transforms.t.fields\": \"id,ts\","
        + " \"transforms.t.headers\": \"h-id , h-ts\", \"transforms.t.operation\": \"copy\""));
  }

  @Test
  void setSchemaMetadataNeedsANameOrAVersion() {
    only(findings("SetSchemaMetadata$Value", ""), "/config/transforms.t.type",
        "sets neither transforms.t.schema.name nor transforms.t.schema.version");
    assertEquals(List.of(), findings("SetSchemaMetadata$Value", ", \"transforms.t.schema.version\": \"2\""));
    assertEquals(List.of(), findings("SetSchemaMetadata$Key", ", \"transforms.t.schema.name\": \"com.example.Key\""));
  }

  @Test
  void insertFieldMustInsertSomethingAndAStaticFieldNeedsAValue() {
    only(findings("InsertField$Value", ""), "/config/transforms.t.type", "inserts nothing");
    only(findings("InsertField$Value", ", \"transforms.t.static.field\": \"source\""),
        "/config/transforms.t.static.value", "is required when transforms.t.static.field is set");
    assertEquals(List.of(), findings("InsertField$Value", ", \"transforms.t.topic.field\": \"topic!\""));
    assertEquals(List.of(), findings("InsertField$Key", ", \"transforms.t.static.field\": \"source\","
        + " \"transforms.t.static.value\": \"orders-db\""));
  }
}
